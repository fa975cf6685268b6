import { depthRange, splitCommands } from './command-matcher';
import { computeStop } from './compile-stop';
import type { DecisionOptions } from './decision';
import { PolicyError } from './errors';
import { type Cidr, formatCidr, parseCidr } from './ip';
import { FILE_OPS, UNIX_SOCKET_OPS } from './op-bits';
import type * as T from './policy-table';
import { type PreparedRule, prepareRule } from './prepared-rule';
import { re2ToEre } from './re2';
import type {
  CommandRule,
  ConnectRedirect,
  DnsRedirect,
  FileRule,
  NetworkRule,
  Policy,
  SignalRule,
  UnixSocketRule,
} from './schema';
import { expandSignal } from './signals';
import { expandPolicy, hasUnexpandedVariables, type PolicyVariables } from './variables';

export interface CompileOptions extends DecisionOptions {
  variables?: PolicyVariables;
}

function base(p: PreparedRule): T.TableRuleBase {
  const out: T.TableRuleBase = { name: p.name, decision: p.decision, effective: p.effective };
  if (p.message) out.message = p.message;
  if (p.timeoutMs !== undefined) out.timeoutMs = p.timeoutMs;
  return out;
}

function opsOf<O extends string>(ops: readonly string[], vocabulary: readonly string[]): O[] | '*' {
  const lower = ops.map((o) => o.trim().toLowerCase());
  if (lower.length === 0 || lower.includes('*')) return '*';
  return [...new Set(lower.filter((o) => vocabulary.includes(o)))] as O[];
}

function ere(source: string, where: string): T.TableArgsPattern {
  try {
    return re2ToEre(source);
  } catch (err) {
    throw new PolicyError(
      'POLICY_COMPILE',
      `${where}: regex ${JSON.stringify(source)} has no POSIX ERE form: ${(err as Error).message}`,
    );
  }
}

function fileRule(r: FileRule, i: number, o: DecisionOptions): T.TableFileRule {
  const out: T.TableFileRule = {
    ...base(prepareRule(r, `file-rule-${i}`, o)),
    globs: [...r.paths],
    ops: opsOf(r.operations, FILE_OPS),
  };
  if (r.redirect_to !== undefined) out.redirectTo = r.redirect_to;
  if (r.preserve_tree !== undefined) out.preserveTree = r.preserve_tree;
  return out;
}

function commandRule(r: CommandRule, i: number, o: DecisionOptions): T.TableCommandRule {
  const p = prepareRule(r, `command-rule-${i}`, o);
  const [minDepth, maxDepth] = depthRange(r.context);
  const args = r.args_patterns.map((a, j) => ere(a, `command_rules[${i}].args_patterns[${j}]`));
  const out: T.TableCommandRule = { ...base(p), ...splitCommands(r.commands), args, minDepth, maxDepth };
  if (r.redirect_to) {
    out.redirect = {
      command: r.redirect_to.command,
      args: r.redirect_to.args ?? [],
      argsAppend: r.redirect_to.args_append ?? [],
      environment: r.redirect_to.environment ?? {},
    };
  }
  return out;
}

function networkRule(r: NetworkRule, i: number, o: DecisionOptions): T.TableNetworkRule {
  return {
    ...base(prepareRule(r, `network-rule-${i}`, o)),
    domains: r.domains.map((d) => d.trim().toLowerCase()),
    ports: [...r.ports],
    cidrs: r.cidrs.map((c) => formatCidr(parseCidr(c.trim()) as Cidr)),
  };
}

function unixRule(r: UnixSocketRule, i: number, o: DecisionOptions): T.TableUnixSocketRule {
  return {
    ...base(prepareRule(r, `unix-socket-rule-${i}`, o)),
    paths: [...r.paths],
    ops: opsOf(r.operations, UNIX_SOCKET_OPS),
  };
}

function signalRule(r: SignalRule, i: number, o: DecisionOptions): T.TableSignalRule {
  const signals = [...new Set(r.signals.flatMap((s) => expandSignal(s) ?? []))];
  return {
    ...base(prepareRule(r, `signal-rule-${i}`, o)),
    signals,
    target: r.target ? { ...r.target } : { type: 'any' },
  };
}

function dnsRedirect(r: DnsRedirect, i: number): T.TableDnsRedirect {
  const e = ere(r.match, `dns_redirects[${i}].match`);
  return {
    name: r.name,
    pattern: e.ere,
    resolveTo: r.resolve_to,
    visibility: r.visibility ?? 'audit_only',
    source: r.match,
    caseInsensitive: e.caseInsensitive,
    onFailure: r.on_failure ?? 'fail_closed',
  };
}

function connectRedirect(r: ConnectRedirect, i: number): T.TableConnectRedirect {
  const e = ere(r.match, `connect_redirects[${i}].match`);
  const out: T.TableConnectRedirect = {
    name: r.name,
    pattern: e.ere,
    redirectTo: r.redirect_to,
    source: r.match,
    caseInsensitive: e.caseInsensitive,
  };
  if (r.tls) out.tls = { mode: r.tls.mode ?? 'passthrough', ...(r.tls.sni ? { sni: r.tls.sni } : {}) };
  if (r.message) out.message = r.message;
  return out;
}

function expanded(policy: Policy, options: CompileOptions): Policy {
  if (options.variables) {
    const r = expandPolicy(policy, options.variables);
    if (!r.ok) throw new PolicyError('POLICY_VARIABLE', `${r.issues[0]?.message}`, { cause: r.issues });
    return r.policy;
  }
  if (hasUnexpandedVariables(policy))
    throw new PolicyError('POLICY_VARIABLE', `policy ${policy.name} still holds \${VAR} references`);
  return policy;
}

/** Flattens a validated policy into the table the C tracer evaluates (docs/compiled-policy.md). */
export function compile(source: Policy, options: CompileOptions = {}): T.PolicyTable {
  const p = expanded(source, options);
  const body = {
    file: p.file_rules.map((r, i) => fileRule(r, i, options)),
    command: p.command_rules.map((r, i) => commandRule(r, i, options)),
    network: p.network_rules.map((r, i) => networkRule(r, i, options)),
    unixSocket: p.unix_socket_rules.map((r, i) => unixRule(r, i, options)),
    signal: p.signal_rules.map((r, i) => signalRule(r, i, options)),
    dnsRedirects: p.dns_redirects.map((r, i) => dnsRedirect(r, i)),
    connectRedirects: p.connect_redirects.map((r, i) => connectRedirect(r, i)),
  };
  return { format: 1, name: p.name, stop: computeStop({ format: 1, name: p.name, ...body }), ...body };
}
