import { createCommandMatcher } from './command-matcher';
import type { DecisionOptions, PolicyDecisionResult } from './decision';
import { createEnvLookup } from './env-lookup';
import type { ResolvedEnvPolicy } from './env-merge';
import { PolicyError } from './errors';
import { createFileMatcher } from './file-matcher';
import { formatIssue } from './issues';
import {
  createNetworkMatcher,
  normalizeHost,
  type Resolver,
  remoteAddr,
  type ThreatFeedCheck,
} from './network-matcher';
import { createConnectRedirectMatcher, createDnsRedirectMatcher } from './redirect-matchers';
import type { Policy } from './schema';
import { createSignalMatcher, type SignalTarget } from './signal-matcher';
import { createUnixSocketMatcher } from './unix-matcher';
import { expandPolicy, hasUnexpandedVariables, type PolicyVariables } from './variables';

export interface EngineOptions extends DecisionOptions {
  /** Injected name resolution for CIDR rules; default resolves nothing (names never match CIDRs). */
  resolve?: Resolver;
  /** agentsh's threat_feeds pre-check for network and DNS questions (none by default). */
  threatFeed?: ThreatFeedCheck;
  /** Expand `${VAR}` first (else the policy must already be expanded). */
  variables?: PolicyVariables;
}

/** A compiled policy. Every method is synchronous and never touches the network or file system. */
export interface Engine {
  readonly policy: Policy;
  /** File operation; `target` is the second path of rename/link. */
  checkFile(path: string, operation: string, target?: string): PolicyDecisionResult;
  /** API precheck: `args` without argv[0]; default rule default-deny-commands. */
  checkCommand(command: string, args: readonly string[], depth?: number): PolicyDecisionResult;
  /** Syscall-level exec: full argv including argv[0]; default rule default-deny-execve. */
  checkExecve(path: string, argv: readonly string[], depth: number): PolicyDecisionResult;
  /** Connect: network_rules decide; a connect they allow is redirected by the first matching connect_redirects entry. */
  checkNetwork(host: string, port: number, names?: readonly string[]): PolicyDecisionResult;
  /** DNS query: dns_redirects first, then network_rules as a connection to the name on port 443. */
  checkDns(name: string): PolicyDecisionResult;
  /** env_policy for one variable name; with `commandRule`, that command rule's env overrides apply. */
  checkEnv(name: string, commandRule?: string): PolicyDecisionResult;
  /** The merged env policy (lists and limits) for a command rule, or the policy-level one. */
  envPolicyFor(commandRule?: string): ResolvedEnvPolicy;
  checkUnixSocket(path: string, operation: string): PolicyDecisionResult;
  /** kill-family syscalls: first signal rule listing the signal whose target matches; none -> allow. */
  checkSignal(signal: number, target: SignalTarget): PolicyDecisionResult;
}

function expanded(policy: Policy, options: EngineOptions): Policy {
  if (options.variables) {
    const r = expandPolicy(policy, options.variables);
    if (!r.ok)
      throw new PolicyError('POLICY_VARIABLE', formatIssue(r.issues[0] as never), { cause: r.issues });
    return r.policy;
  }
  if (hasUnexpandedVariables(policy)) {
    throw new PolicyError('POLICY_VARIABLE', `policy ${policy.name} still holds \${VAR} references`, {
      hint: 'pass options.variables or call expandPolicy() first',
    });
  }
  return policy;
}

/** Builds an engine: every glob, regex and CIDR is compiled once here. Throws PolicyError on bad variables. */
export function createEngine(source: Policy, options: EngineOptions = {}): Engine {
  const policy = expanded(source, options);
  const files = createFileMatcher(policy.file_rules, options);
  const commands = createCommandMatcher(policy.command_rules, options);
  const network = createNetworkMatcher(policy.network_rules, options);
  const envs = createEnvLookup(policy);
  const unix = createUnixSocketMatcher(policy.unix_socket_rules, options);
  const dns = createDnsRedirectMatcher(policy.dns_redirects, options);
  const connect = createConnectRedirectMatcher(policy.connect_redirects, options);
  const signals = createSignalMatcher(policy.signal_rules, options);
  const hasConnectRedirects = policy.connect_redirects.length > 0;
  return {
    policy,
    checkFile: (path, operation, target) => files.check(path, operation, target),
    checkCommand: (command, args, depth = 0) => commands.check(command, args, depth, 'precheck'),
    checkExecve: (path, argv, depth) => commands.check(path, argv, depth, 'execve'),
    checkNetwork(host, port, names) {
      const decided = network.check({ host, port, names });
      if (!hasConnectRedirects || decided.effectiveDecision !== 'allow') return decided;
      return connect.check(remoteAddr(normalizeHost(host), port)) ?? decided;
    },
    checkDns(name) {
      const n = normalizeHost(name);
      return dns.check(n) ?? network.check({ host: n, port: 443 });
    },
    checkEnv: (name, commandRule) => envs.matcher(commandRule).check(name),
    envPolicyFor: (commandRule) => envs.resolved(commandRule),
    checkUnixSocket: (path, operation) => unix.check(path, operation),
    checkSignal: (signal, target) => signals.check(signal, target),
  };
}
