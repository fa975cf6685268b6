import type { DecisionOptions, PolicyDecisionResult } from './decision';
import { compileGlobSet, type GlobSet } from './glob-set';
import { FILE_OPS, OpBits } from './op-bits';
import { defaultDeny, type PreparedRule, prepareRule, resultFor } from './prepared-rule';
import type { FileRule } from './schema';

interface CompiledFileRule {
  rule: PreparedRule;
  mask: number;
  paths: GlobSet;
  redirectTo: string | undefined;
  preserveTree: boolean;
}

export interface FileMatcher {
  /** `target` is the second path of rename/link; both paths are checked and a deny on either wins. */
  check(path: string, operation: string, target?: string): PolicyDecisionResult;
}

const DEFAULT_DENY = defaultDeny('default-deny-files');

function redirected(c: CompiledFileRule, path: string, res: PolicyDecisionResult): PolicyDecisionResult {
  if (c.rule.decision !== 'redirect' || c.redirectTo === undefined) return res;
  const dir = c.redirectTo.replace(/\/+$/, '');
  const tail = c.preserveTree ? path : `/${path.slice(path.lastIndexOf('/') + 1)}`;
  return { ...res, redirect: { kind: 'file', path: `${dir}${tail.startsWith('/') ? '' : '/'}${tail}` } };
}

/** Compiles file_rules (variables already expanded). First match wins; none -> default-deny-files. */
export function createFileMatcher(rules: readonly FileRule[], options: DecisionOptions): FileMatcher {
  const bits = new OpBits(FILE_OPS);
  const compiled: CompiledFileRule[] = rules.map((r, i) => ({
    rule: prepareRule(r, `file-rule-${i}`, options),
    mask: bits.maskOf(r.operations),
    paths: compileGlobSet(r.paths, '/'),
    redirectTo: r.redirect_to,
    preserveTree: r.preserve_tree === true,
  }));
  const readBit = bits.lookup('read');
  const openBit = bits.lookup('open');
  const n = compiled.length;

  function checkOne(path: string, opBit: number, operation: string): PolicyDecisionResult {
    const q = opBit === openBit ? opBit | readBit : opBit;
    for (let i = 0; i < n; i++) {
      const c = compiled[i] as CompiledFileRule;
      if (c.mask !== -1 && (c.mask & q) === 0) continue;
      if (!c.paths.test(path)) continue;
      const res = c.rule.templated ? resultFor(c.rule, { Path: path, Operation: operation }) : c.rule.fixed;
      return c.redirectTo === undefined ? res : redirected(c, path, res);
    }
    return DEFAULT_DENY.fixed;
  }

  return {
    check(path, operation, target) {
      const op = operation.toLowerCase();
      const bit = bits.lookup(op);
      const first = checkOne(path, bit, op);
      if (target === undefined || first.effectiveDecision === 'deny') return first;
      const second = checkOne(target, bit, op);
      return second.effectiveDecision === 'deny' ? second : first;
    },
  };
}
