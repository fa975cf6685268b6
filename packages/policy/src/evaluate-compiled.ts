import { type Ready, readyTable, tableDeny, tableResult } from './compiled-interpreter';
import type { DnsRedirectTarget, PolicyDecisionResult } from './decision';
import { signalNumber } from './evaluate';
import { cidrContains, type IpAddr, parseIp } from './ip';
import { renderMessage } from './message';
import { normalizeHost, type Resolver, remoteAddr } from './network-matcher';
import type * as T from './policy-table';
import type { Question } from './question';
import { signalTargetMatches } from './signal-matcher';

export interface EvaluateCompiledOptions {
  resolve?: Resolver;
}

function fileOne(rules: Ready<T.TableFileRule>[], path: string, op: string): PolicyDecisionResult {
  for (const { r, globs } of rules) {
    const opOk = r.ops === '*' || r.ops.includes(op as T.FileOp) || (op === 'open' && r.ops.includes('read'));
    if (!opOk || !globs.test(path)) continue;
    const res = tableResult(r, { Path: path, Operation: op });
    if (r.decision === 'redirect' && r.redirectTo !== undefined) {
      const dir = r.redirectTo.replace(/\/+$/, '');
      const tail = r.preserveTree ? path : `/${path.slice(path.lastIndexOf('/') + 1)}`;
      res.redirect = { kind: 'file', path: `${dir}${tail.startsWith('/') ? '' : '/'}${tail}` };
    }
    return res;
  }
  return tableDeny('default-deny-files');
}

function file(rules: Ready<T.TableFileRule>[], q: Extract<Question, { kind: 'file' }>): PolicyDecisionResult {
  const op = q.operation.toLowerCase();
  const first = fileOne(rules, q.path, op);
  if (q.target === undefined || first.effectiveDecision === 'deny') return first;
  const second = fileOne(rules, q.target, op);
  return second.effectiveDecision === 'deny' ? second : first;
}

function command(
  rules: Ready<T.TableCommandRule>[],
  cmd: string,
  args: readonly string[],
  depth: number,
  dflt: string,
) {
  const full = cmd.toLowerCase();
  const base = full.slice(full.lastIndexOf('/') + 1);
  const joined = args.join(' ');
  for (const { r, globs, aux, regexes } of rules) {
    if (depth < r.minDepth || (r.maxDepth >= 0 && depth > r.maxDepth)) continue;
    const hit =
      r.anyCommand ||
      r.fullPaths.includes(full) ||
      r.names.includes(base) ||
      globs.test(full) ||
      aux?.test(base);
    if (!hit || (regexes.length > 0 && !regexes.some((re) => re.test(joined)))) continue;
    const res = tableResult(r, { Command: cmd, Args: joined });
    if (r.decision === 'redirect' && r.redirect)
      res.redirect = { kind: 'command', ...r.redirect, environment: r.redirect.environment ?? {} };
    return res;
  }
  return tableDeny(dflt);
}

function network(
  rules: Ready<T.TableNetworkRule>[],
  q: { host: string; port: number; names?: readonly string[] | undefined },
  resolve: Resolver,
) {
  const host = normalizeHost(q.host);
  let ips: IpAddr[] | undefined;
  for (const { r, globs, cidrs } of rules) {
    if (r.ports.length > 0 && !r.ports.includes(q.port)) continue;
    if (r.domains.length > 0 && !globs.test(host) && !q.names?.some((n) => globs.test(normalizeHost(n))))
      continue;
    if (cidrs.length > 0) {
      const literal = parseIp(host);
      ips ??= literal ? [literal] : resolve(host).flatMap((s) => parseIp(s) ?? []);
      const found = ips;
      if (!cidrs.some((c) => found.some((ip) => cidrContains(c, ip)))) continue;
    }
    return tableResult(r, { RemoteAddr: remoteAddr(host, q.port), Domain: host, Port: String(q.port) });
  }
  return tableDeny('default-deny-network');
}

function connectResult(c: T.TableConnectRedirect, hostPort: string): PolicyDecisionResult {
  const out: PolicyDecisionResult = {
    decision: 'redirect',
    effectiveDecision: 'redirect',
    rule: c.name,
    redirect: { kind: 'connect', redirectTo: c.redirectTo, ...(c.tls ? { tls: c.tls } : {}) },
  };
  if (c.message) out.message = renderMessage(c.message, { RemoteAddr: hostPort });
  return out;
}

/**
 * A JS interpreter of the compiled table, with the semantics the C evaluator implements. Answers
 * every question kind the table covers; env questions are not part of the table (undefined).
 */
export function evaluateCompiled(
  t: T.PolicyTable,
  q: Question,
  options: EvaluateCompiledOptions = {},
): PolicyDecisionResult | undefined {
  const ready = readyTable(t);
  const resolve = options.resolve ?? (() => []);
  switch (q.kind) {
    case 'file':
      return file(ready.file, q);
    case 'command':
      return command(ready.command, q.command, q.args, q.depth, 'default-deny-commands');
    case 'execve':
      return command(ready.command, q.path, q.argv, q.depth, 'default-deny-execve');
    case 'network': {
      const decided = network(ready.network, q, resolve);
      if (decided.effectiveDecision !== 'allow') return decided;
      const hp = remoteAddr(normalizeHost(q.host), q.port);
      const c = ready.connect.find((x) => x.re.test(hp))?.c;
      return c ? connectResult(c, hp) : decided;
    }
    case 'dns': {
      const name = normalizeHost(q.name);
      const d = ready.dns.find((x) => x.re.test(name));
      if (!d) return network(ready.network, { host: name, port: 443 }, resolve);
      const redirect: DnsRedirectTarget = {
        kind: 'dns',
        resolveTo: d.d.resolveTo,
        visibility: d.d.visibility as DnsRedirectTarget['visibility'],
        onFailure: d.d.onFailure ?? 'fail_closed',
      };
      return { decision: 'redirect', effectiveDecision: 'redirect', rule: d.d.name, redirect };
    }
    case 'unix_socket': {
      const op = q.operation.trim().toLowerCase();
      const hit = ready.unixSocket.find(
        ({ r, globs }) => (r.ops === '*' || r.ops.includes(op as T.UnixSocketOp)) && globs.test(q.path),
      );
      return hit ? tableResult(hit.r, { Path: q.path, Operation: op }) : tableDeny('default-deny-unix');
    }
    case 'signal': {
      const n = signalNumber(q.signal);
      const target = { relations: q.relations, pid: q.pid, comm: q.comm };
      const hit = t.signal.find((r) => r.signals.includes(n) && signalTargetMatches(r.target, target));
      return hit
        ? tableResult(hit, {})
        : { decision: 'allow', effectiveDecision: 'allow', rule: 'default-allow-signals' };
    }
    case 'env':
      return undefined;
  }
}
