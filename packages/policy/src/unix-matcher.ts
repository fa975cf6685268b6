import type { DecisionOptions, PolicyDecisionResult } from './decision';
import { compileGlobSet, type GlobSet } from './glob-set';
import { OpBits, UNIX_SOCKET_OPS } from './op-bits';
import { defaultDeny, type PreparedRule, prepareRule, resultFor } from './prepared-rule';
import type { UnixSocketRule } from './schema';

export interface UnixSocketMatcher {
  /** `path` is a file system path or `@name` for an abstract socket. */
  check(path: string, operation: string): PolicyDecisionResult;
}

const DEFAULT_DENY = defaultDeny('default-deny-unix');

/** Compiles unix_socket_rules. First match wins; none -> default-deny-unix. */
export function createUnixSocketMatcher(
  rules: readonly UnixSocketRule[],
  options: DecisionOptions,
): UnixSocketMatcher {
  const bits = new OpBits(UNIX_SOCKET_OPS);
  const compiled: { rule: PreparedRule; mask: number; paths: GlobSet }[] = rules.map((r, i) => ({
    rule: prepareRule(r, `unix-socket-rule-${i}`, options),
    mask: bits.maskOf(r.operations),
    paths: compileGlobSet(r.paths, '/'),
  }));
  return {
    check(path, operation) {
      const op = operation.trim().toLowerCase();
      const bit = bits.lookup(op);
      for (const c of compiled) {
        if (c.mask !== -1 && (c.mask & bit) === 0) continue;
        if (c.paths.test(path)) return resultFor(c.rule, { Path: path, Operation: op });
      }
      return DEFAULT_DENY.fixed;
    },
  };
}
