import {
  type Decision,
  type DecisionOptions,
  type EffectiveDecision,
  normalizeDecision,
  type PolicyDecisionResult,
  toEffective,
} from './decision';
import { parseGoDuration } from './duration';
import { hasPlaceholders, type MessageFields, renderMessage } from './message';

/** The decision part of a rule, prepared once so evaluation allocates only for templated messages. */
export interface PreparedRule {
  name: string;
  decision: Decision;
  effective: EffectiveDecision;
  message: string | undefined;
  templated: boolean;
  timeoutMs: number | undefined;
  /** Shared result when nothing depends on the input. */
  fixed: PolicyDecisionResult;
}

export interface RuleLike {
  name?: string | undefined;
  decision: string;
  message?: string | undefined;
  timeout?: string | undefined;
}

function approvalOf(decision: Decision, options: DecisionOptions, timeoutMs: number | undefined) {
  if (decision !== 'approve') return undefined;
  const mode = options.approvalsEnforced === true ? ('enforced' as const) : ('shadow' as const);
  return timeoutMs === undefined
    ? { required: true as const, mode }
    : { required: true as const, mode, timeoutMs };
}

function baseResult(rule: Omit<PreparedRule, 'fixed'>, options: DecisionOptions): PolicyDecisionResult {
  const out: PolicyDecisionResult = {
    decision: rule.decision,
    effectiveDecision: rule.effective,
    rule: rule.name,
  };
  if (rule.message !== undefined && rule.message !== '') out.message = rule.message;
  const approval = approvalOf(rule.decision, options, rule.timeoutMs);
  if (approval) out.approval = approval;
  return out;
}

/** Prepares a rule; an unknown decision string becomes deny with rule `invalid-policy-decision`, as in agentsh. */
export function prepareRule(rule: RuleLike, fallbackName: string, options: DecisionOptions): PreparedRule {
  const decision = normalizeDecision(rule.decision);
  const name = decision === undefined ? 'invalid-policy-decision' : rule.name || fallbackName;
  const d = decision ?? 'deny';
  const timeoutMs = rule.timeout === undefined ? undefined : parseGoDuration(rule.timeout);
  const message =
    decision === undefined ? `invalid decision in rule ${rule.name ?? fallbackName}` : rule.message;
  const partial = {
    name,
    decision: d,
    effective: toEffective(d, options),
    message,
    templated: message !== undefined && hasPlaceholders(message),
    timeoutMs,
  };
  return { ...partial, fixed: Object.freeze(baseResult(partial, options)) as PolicyDecisionResult };
}

/** The rule's result for one input: the shared object, or a copy with the message rendered. */
export function resultFor(rule: PreparedRule, fields: MessageFields): PolicyDecisionResult {
  if (!rule.templated) return rule.fixed;
  return { ...rule.fixed, message: renderMessage(rule.message as string, fields) };
}

/** agentsh's implicit deny at the end of a list. */
export function defaultDeny(name: string): PreparedRule {
  return prepareRule({ name, decision: 'deny' }, name, {});
}
