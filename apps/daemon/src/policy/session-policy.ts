import { createEngine, type Engine, type Policy, type PolicyDecisionResult } from '@agentsh/policy';
import type { PolicyVerdict } from '../exec/types';
import type { SessionRoots } from '../sessions/manager';
import { buildCommandEnv } from './env-builder';

export interface SessionPolicyOptions {
  roots: SessionRoots;
  /** process environment used for ${HOME}-style variables */
  env: Readonly<Record<string, string | undefined>>;
  approvalsEnforced: boolean;
  /** sandbox.env_inject from the server config (the policy's env_inject overrides it) */
  configEnvInject: Readonly<Record<string, string>>;
}

/** A session's compiled policy and the decisions the daemon takes with it (the global one is never used: bug #191). */
export interface SessionPolicy {
  readonly policy: Policy;
  readonly engine: Engine;
  precheck(command: string, args: readonly string[]): PolicyVerdict;
  buildEnv(layers: readonly Readonly<Record<string, string>>[]): Record<string, string>;
}

export function createSessionPolicy(policy: Policy, opts: SessionPolicyOptions): SessionPolicy {
  const vars: Record<string, string> = { PROJECT_ROOT: opts.roots.projectRoot };
  if (opts.roots.gitRoot) vars.GIT_ROOT = opts.roots.gitRoot;
  const engine = createEngine(policy, {
    variables: { vars, env: opts.env },
    approvalsEnforced: opts.approvalsEnforced,
  });
  const inject = { ...opts.configEnvInject, ...(policy.env_inject ?? {}) };
  return {
    policy: engine.policy,
    engine,
    precheck: (command, args) => toVerdict(engine.checkCommand(command, args, 0), args),
    buildEnv: (layers) =>
      buildCommandEnv({
        serverEnv: opts.env,
        extra: layers,
        isAllowed: (name) => engine.checkEnv(name).effectiveDecision === 'allow',
        limits: { maxKeys: policy.env_policy?.max_keys, maxBytes: policy.env_policy?.max_bytes },
        inject,
      }),
  };
}

/** Maps an engine answer to the daemon's verdict; a command redirect keeps the original args between prepend and append. */
export function toVerdict(result: PolicyDecisionResult, args: readonly string[] = []): PolicyVerdict {
  const verdict: PolicyVerdict = {
    decision: result.decision,
    effective_decision: result.effectiveDecision,
    rule: result.rule,
    ...(result.message ? { message: result.message } : {}),
  };
  const redirect = result.redirect;
  if (redirect?.kind === 'command') {
    verdict.redirect = {
      command: redirect.command,
      args: [...redirect.args, ...args, ...redirect.argsAppend],
    };
  }
  return verdict;
}
