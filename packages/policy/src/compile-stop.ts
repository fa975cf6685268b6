import type { PolicyTable, TableFileRule, TableNetworkRule, TableRuleBase } from './policy-table';

/**
 * True when some input could get a non-allow answer: scanning in order, a rule that may match and
 * is not an allow means "yes"; a catch-all allow before any of those means "no". Reaching the end
 * means the implicit default deny.
 */
function mayDeny<R extends TableRuleBase>(
  rules: readonly R[],
  applies: (r: R) => boolean,
  catchAll: (r: R) => boolean,
): boolean {
  for (const r of rules) {
    if (!applies(r)) continue;
    if (r.effective !== 'allow') return true;
    if (catchAll(r)) return false;
  }
  return true;
}

const allPaths = (globs: readonly string[]) => globs.includes('**');
const fileCatchAll = (r: TableFileRule) => r.ops === '*' && allPaths(r.globs);
const opensFile = (r: TableFileRule) => r.ops === '*' || r.ops.includes('open') || r.ops.includes('read');
const netCatchAll = (r: TableNetworkRule) =>
  r.domains.length === 0 && r.ports.length === 0 && r.cidrs.length === 0;

/** Which syscall classes the tracer must stop on (docs/compiled-policy.md `stop`). */
export function computeStop(t: Omit<PolicyTable, 'stop'>): PolicyTable['stop'] {
  return {
    exec: mayDeny(
      t.command,
      () => true,
      (r) =>
        (r.anyCommand || r.nameGlobs.includes('*')) &&
        r.args.length === 0 &&
        r.minDepth === 0 &&
        r.maxDepth === -1,
    ),
    file: mayDeny(t.file, () => true, fileCatchAll),
    readOnlyOpen: mayDeny(t.file, opensFile, (r) => opensFile(r) && allPaths(r.globs)),
    network:
      t.connectRedirects.length > 0 ||
      t.dnsRedirects.length > 0 ||
      mayDeny(t.network, () => true, netCatchAll),
    unixSocket:
      t.unixSocket.length > 0 &&
      mayDeny(
        t.unixSocket,
        () => true,
        (r) => r.ops === '*' && allPaths(r.paths),
      ),
    signal: t.signal.some((r) => r.effective !== 'allow'),
  };
}
