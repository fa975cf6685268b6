import type { PolicyDecisionResult } from './decision';
import { ereToRegExp } from './ere';
import { compileGlobSet, type GlobSet } from './glob-set';
import { type Cidr, parseCidr } from './ip';
import { type MessageFields, renderMessage } from './message';
import type * as T from './policy-table';

/** A table rule with its globs and regexes compiled for the JS interpreter. */
export interface Ready<R> {
  r: R;
  globs: GlobSet;
  aux?: GlobSet;
  regexes: RegExp[];
  cidrs: Cidr[];
}

export interface ReadyTable {
  file: Ready<T.TableFileRule>[];
  command: Ready<T.TableCommandRule>[];
  network: Ready<T.TableNetworkRule>[];
  unixSocket: Ready<T.TableUnixSocketRule>[];
  dns: { d: T.TableDnsRedirect; re: RegExp }[];
  connect: { c: T.TableConnectRedirect; re: RegExp }[];
}

const cache = new WeakMap<T.PolicyTable, ReadyTable>();
const none = compileGlobSet([], '/');

function ready<R>(r: R, parts: Partial<Omit<Ready<R>, 'r'>>): Ready<R> {
  return {
    r,
    globs: parts.globs ?? none,
    regexes: parts.regexes ?? [],
    cidrs: parts.cidrs ?? [],
    ...(parts.aux ? { aux: parts.aux } : {}),
  };
}

/** Compiles a table's patterns once (cached per table object). */
export function readyTable(t: T.PolicyTable): ReadyTable {
  const hit = cache.get(t);
  if (hit) return hit;
  const out: ReadyTable = {
    file: t.file.map((r) => ready(r, { globs: compileGlobSet(r.globs, '/') })),
    command: t.command.map((r) =>
      ready(r, {
        globs: compileGlobSet(r.pathGlobs, '/'),
        aux: compileGlobSet(r.nameGlobs, '/'),
        regexes: r.args.map((a) => ereToRegExp(a.ere, a.caseInsensitive)),
      }),
    ),
    network: t.network.map((r) =>
      ready(r, { globs: compileGlobSet(r.domains, '.'), cidrs: r.cidrs.map((c) => parseCidr(c) as Cidr) }),
    ),
    unixSocket: t.unixSocket.map((r) => ready(r, { globs: compileGlobSet(r.paths, '/') })),
    dns: t.dnsRedirects.map((d) => ({ d, re: ereToRegExp(d.pattern, d.caseInsensitive ?? false) })),
    connect: t.connectRedirects.map((c) => ({ c, re: ereToRegExp(c.pattern, c.caseInsensitive ?? false) })),
  };
  cache.set(t, out);
  return out;
}

/** The result a table rule gives, message rendered. */
export function tableResult(r: T.TableRuleBase, fields: MessageFields): PolicyDecisionResult {
  const out: PolicyDecisionResult = { decision: r.decision, effectiveDecision: r.effective, rule: r.name };
  if (r.message) out.message = renderMessage(r.message, fields);
  if (r.decision === 'approve') {
    const mode = r.effective === 'approve' ? ('enforced' as const) : ('shadow' as const);
    out.approval =
      r.timeoutMs === undefined ? { required: true, mode } : { required: true, mode, timeoutMs: r.timeoutMs };
  }
  return out;
}

/** agentsh's implicit deny. */
export function tableDeny(rule: string): PolicyDecisionResult {
  return { decision: 'deny', effectiveDecision: 'deny', rule };
}
