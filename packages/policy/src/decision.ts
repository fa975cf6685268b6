/** What a rule says. */
export type Decision = 'allow' | 'deny' | 'approve' | 'redirect' | 'audit' | 'soft_delete';
/** What is enforced: approve stays approve only when approvals are enforced (else allow, "shadow"). */
export type EffectiveDecision = 'allow' | 'deny' | 'approve' | 'redirect' | 'soft_delete';

export interface DecisionOptions {
  /** `approvals.enabled` with a mode set. Default false: approve is enforced as allow (shadow). */
  approvalsEnforced?: boolean;
  /** Default true (agentsh server engines always enforce redirects). */
  redirectsEnforced?: boolean;
}

export interface FileRedirect {
  kind: 'file';
  path: string;
}
export interface CommandRedirect {
  kind: 'command';
  command: string;
  args: string[];
  argsAppend: string[];
  environment: Record<string, string>;
}
export interface DnsRedirectTarget {
  kind: 'dns';
  resolveTo: string;
  visibility: 'silent' | 'audit_only' | 'warn';
  onFailure: 'fail_closed' | 'fail_open' | 'retry_original';
}
export interface ConnectRedirectTarget {
  kind: 'connect';
  redirectTo: string;
  tls?: { mode: 'passthrough' | 'rewrite_sni'; sni?: string };
}
export type RedirectTarget = FileRedirect | CommandRedirect | DnsRedirectTarget | ConnectRedirectTarget;

/** One answer of the engine. Results may be shared between calls: treat them as read-only. */
export interface PolicyDecisionResult {
  decision: Decision;
  effectiveDecision: EffectiveDecision;
  /** Rule name, or agentsh's implicit one (default-deny-files, default-deny-network, ...). */
  rule: string;
  /** The rule's message with {{.Path}}, {{.Command}}, {{.Args}}, {{.RemoteAddr}} rendered. */
  message?: string;
  approval?: { required: true; mode: 'enforced' | 'shadow'; timeoutMs?: number };
  redirect?: RedirectTarget;
  /** Set when an injected threat feed listed the destination (agentsh's threat_feeds pre-check). */
  threat?: { feed: string; matched: string; action: 'deny' | 'audit' };
}

const DECISIONS: ReadonlySet<string> = new Set([
  'allow',
  'deny',
  'approve',
  'redirect',
  'audit',
  'soft_delete',
]);

/** Lower-cases and checks a rule's decision string; undefined for anything agentsh would not accept. */
export function normalizeDecision(raw: string): Decision | undefined {
  const d = raw.trim().toLowerCase();
  return DECISIONS.has(d) ? (d as Decision) : undefined;
}

/** agentsh's policy-decision -> effective-decision mapping (soft_delete stays: we quarantine). */
export function toEffective(decision: Decision, options: DecisionOptions): EffectiveDecision {
  switch (decision) {
    case 'audit':
      return 'allow';
    case 'approve':
      return options.approvalsEnforced === true ? 'approve' : 'allow';
    case 'redirect':
      return options.redirectsEnforced === false ? 'allow' : 'redirect';
    default:
      return decision;
  }
}
