import { DaemonError } from '../errors';

/** Keys copied from the server's own environment into every command (agentsh's minimal base). */
const BASE_KEYS = ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TERM', 'HOME'] as const;
const DEFAULT_PATH = '/usr/bin:/bin';

export interface EnvLimits {
  maxKeys?: number | undefined;
  maxBytes?: number | undefined;
}

export interface BuildEnvInput {
  /** the daemon's environment (only BASE_KEYS are taken from it) */
  serverEnv: Readonly<Record<string, string | undefined>>;
  /** session env (PATCH) and request env, later wins */
  extra: readonly Readonly<Record<string, string>>[];
  /** env_policy decision for one name */
  isAllowed: (name: string) => boolean;
  limits: EnvLimits;
  /** operator-trusted variables added after filtering (sandbox.env_inject, then policy env_inject) */
  inject: Readonly<Record<string, string>>;
}

/**
 * agentsh's command environment: a minimal base from the server, the session's and request's
 * variables, filtered by env_policy (AGENTSH_* always passes), limits checked, then env_inject.
 */
export function buildCommandEnv(input: BuildEnvInput): Record<string, string> {
  const candidate = new Map<string, string>();
  for (const key of BASE_KEYS) {
    const value = input.serverEnv[key];
    if (value) candidate.set(key, value);
  }
  if (!candidate.has('PATH')) candidate.set('PATH', DEFAULT_PATH);
  for (const layer of input.extra) for (const [k, v] of Object.entries(layer)) candidate.set(k, v);
  candidate.set('AGENTSH_IN_SESSION', '1');

  const kept = [...candidate.entries()]
    .filter(([k, v]) => v !== '' && (k.startsWith('AGENTSH_') || input.isAllowed(k)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  checkLimits(kept, input.limits);
  const env = Object.fromEntries(kept);
  // Commands get Node's socketpairs as stdio; bash takes a socket on stdin at shell level 1 for an rsh/ssh
  // session and sources ~/.bashrc even for `bash -c`. SHLVL=1 makes it level 2, as under any shell.
  return { ...env, SHLVL: '1', ...input.inject };
}

function checkLimits(entries: readonly [string, string][], limits: EnvLimits): void {
  if (limits.maxKeys && entries.length > limits.maxKeys) {
    throw new DaemonError(
      'DAEMON_BAD_REQUEST',
      `environment has ${entries.length} keys, env_policy.max_keys is ${limits.maxKeys}`,
    );
  }
  if (limits.maxBytes) {
    const bytes = entries.reduce((sum, [k, v]) => sum + Buffer.byteLength(`${k}=${v}`) + 1, 0);
    if (bytes > limits.maxBytes) {
      throw new DaemonError(
        'DAEMON_BAD_REQUEST',
        `environment is ${bytes} bytes, env_policy.max_bytes is ${limits.maxBytes}`,
      );
    }
  }
}
