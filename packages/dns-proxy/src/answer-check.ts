import type { AnswerSummary } from './answers';
import { isPrivateAddress } from './private-ip';
import type { DecideFn, Decision } from './types';

export interface RebindingOptions {
  enabled: boolean;
  /** Names (and their subdomains) allowed to resolve to private or loopback addresses. */
  allowNames?: readonly string[];
}

export interface AnswerVerdict {
  /** 'ok' keeps the answer; 'cname' (a denied CNAME or SVCB target) replaces it with NXDOMAIN; 'rebinding' with NODATA. */
  kind: 'ok' | 'cname' | 'rebinding';
  decision?: Decision;
  name?: string;
}

interface CheckInput {
  summary: AnswerSummary;
  type: string;
  session: string;
  decide: DecideFn;
  rebinding: RebindingOptions | undefined;
}

/**
 * Checks an upstream answer: every CNAME target in the chain and every HTTPS/SVCB TargetName goes
 * through decide() with the question's type (CNAME and alias cloaking), and with rebinding protection on, a name outside the
 * allowlist may not resolve to a private or loopback address (A, AAAA or HTTPS/SVCB hints).
 */
export async function checkAnswer(input: CheckInput): Promise<AnswerVerdict> {
  for (const name of [...input.summary.names.slice(1), ...input.summary.svcbTargets]) {
    const decision = await input.decide({ name, type: input.type, session: input.session });
    if (decision.action === 'deny') return { kind: 'cname', decision, name };
  }
  const rebinding = input.rebinding;
  if (rebinding?.enabled && !isAllowedName(input.summary.names[0] ?? '', rebinding.allowNames ?? [])) {
    const bad = input.summary.addresses.find((a) => isPrivateAddress(a.address));
    if (bad !== undefined) return { kind: 'rebinding' };
  }
  return { kind: 'ok' };
}

function isAllowedName(name: string, allowNames: readonly string[]): boolean {
  return allowNames.some((allowed) => name === allowed || name.endsWith(`.${allowed}`));
}
