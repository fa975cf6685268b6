import type { Decision, EffectiveDecision, PolicyDecisionResult, RedirectTarget } from './decision';
import type { PolicyTable } from './policy-table';
import type { QuestionInput } from './question';
import type { PolicyVariables } from './variables';

/** What a parity case expects; fields not listed here are not compared. */
export interface ParityExpectation {
  decision: Decision;
  effectiveDecision: EffectiveDecision;
  rule: string;
  message?: string;
  redirect?: RedirectTarget;
}

export interface ParityCase {
  name: string;
  question: QuestionInput;
  expect: ParityExpectation;
}

/**
 * One file of packages/policy/test/fixtures/parity/*.json. Every case is run through evaluate(),
 * evaluateCompiled() and (in @agentsh/tracer) the C evaluator, which reads only `table`,
 * `resolve` and `cases`. Env questions are not part of the table and do not appear here.
 */
export interface ParityCaseFile {
  description: string;
  /** The policy: a path relative to this file, or inline YAML. */
  policyFile?: string;
  policyYaml?: string;
  variables?: PolicyVariables;
  approvalsEnforced?: boolean;
  /** The injected resolver: name -> addresses. Names not listed resolve to nothing. */
  resolve?: Record<string, string[]>;
  /** compile() of the policy with the options above; kept current by the parity test. */
  table: PolicyTable;
  cases: ParityCase[];
}

/** The comparable part of a result. */
export function toExpectation(r: PolicyDecisionResult): ParityExpectation {
  const out: ParityExpectation = {
    decision: r.decision,
    effectiveDecision: r.effectiveDecision,
    rule: r.rule,
  };
  if (r.message !== undefined) out.message = r.message;
  if (r.redirect !== undefined) out.redirect = r.redirect;
  return out;
}

/** The resolver a case file describes. */
export function resolverOf(file: Pick<ParityCaseFile, 'resolve'>): (host: string) => readonly string[] {
  const map = file.resolve ?? {};
  return (host) => map[host] ?? [];
}
