import type { DecisionOptions, PolicyDecisionResult } from './decision';
import { compileGlob } from './glob';
import { type PreparedRule, prepareRule, resultFor } from './prepared-rule';
import type { SignalRule } from './schema';
import { expandSignal } from './signals';

/** How the target process relates to the sender (several can hold at once). */
export type SignalRelation =
  | 'self'
  | 'child'
  | 'descendant'
  | 'sibling'
  | 'session'
  | 'parent'
  | 'external'
  | 'system';

export interface SignalTarget {
  relations: readonly SignalRelation[];
  pid?: number | undefined;
  /** The target's comm (process name), for `process` targets. */
  comm?: string | undefined;
}

export interface SignalTargetSpec {
  type: string;
  pattern?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

const BY_TYPE: Readonly<Record<string, readonly SignalRelation[]>> = {
  self: ['self'],
  children: ['child'],
  descendants: ['child', 'descendant'],
  siblings: ['sibling'],
  session: ['session'],
  parent: ['parent'],
  external: ['external'],
  system: ['system'],
};

/** The target test the C evaluator implements (native/tracer/src/decide.c); unknown types match nothing. */
export function signalTargetMatches(spec: SignalTargetSpec, target: SignalTarget): boolean {
  const rel = BY_TYPE[spec.type];
  if (rel) return rel.some((r) => target.relations.includes(r));
  if (spec.type === 'user') return true;
  if (spec.type === 'process') {
    return (
      target.comm !== undefined &&
      spec.pattern !== undefined &&
      compileGlob(spec.pattern, '/').test(target.comm)
    );
  }
  if (spec.type === 'pid_range') {
    const pid = target.pid ?? 0;
    return (spec.min === undefined || pid >= spec.min) && (spec.max === undefined || pid <= spec.max);
  }
  return false;
}

export interface SignalMatcher {
  check(signal: number, target: SignalTarget): PolicyDecisionResult;
}

const DEFAULT_ALLOW: PolicyDecisionResult = Object.freeze({
  decision: 'allow',
  effectiveDecision: 'allow',
  rule: 'default-allow-signals',
});

/** Compiles signal_rules: first rule listing the signal whose target matches; none -> allow. */
export function createSignalMatcher(rules: readonly SignalRule[], options: DecisionOptions): SignalMatcher {
  const compiled: { rule: PreparedRule; signals: Set<number>; target: SignalTargetSpec }[] = rules.map(
    (r, i) => ({
      rule: prepareRule(r, `signal-rule-${i}`, options),
      signals: new Set(r.signals.flatMap((s) => expandSignal(s) ?? [])),
      target: r.target ?? { type: 'any' },
    }),
  );
  return {
    check(signal, target) {
      for (const c of compiled) {
        if (c.signals.has(signal) && signalTargetMatches(c.target, target)) return resultFor(c.rule, {});
      }
      return DEFAULT_ALLOW;
    },
  };
}
