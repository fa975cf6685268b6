import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RunnerEnv } from '../env';
import { RunnerError } from '../errors';
import type { ImageSpec } from '../image/spec';
import { installStatxShim } from '../image/statx-shim';
import { AgentSandbox } from './agent-sandbox';
import type { Provider, Sandbox } from './types';

export const RUNSC_PATH = '/usr/bin/runsc';

/** Whether runsc is installed (no side effects). */
export function runscInstalled(path = RUNSC_PATH): boolean {
  return existsSync(path);
}

/** Installs Debian's runsc when missing and we are root; otherwise explains what to do. */
export function ensureRunsc(env: RunnerEnv, path = RUNSC_PATH): string {
  if (runscInstalled(path)) return path;
  if (!env.isRoot)
    throw new RunnerError(
      'RUNNER_PROVIDER_UNAVAILABLE',
      `gvisor: ${path} is missing; run as root or install it with apt-get install -y runsc`,
    );
  const apt = spawnSync('apt-get', ['install', '-y', 'runsc'], { stdio: 'pipe', encoding: 'utf8' });
  if (apt.status !== 0 || !runscInstalled(path))
    throw new RunnerError(
      'RUNNER_PROVIDER_UNAVAILABLE',
      `gvisor: apt-get install -y runsc failed (exit ${apt.status}): ${apt.stderr.slice(-300)}`,
    );
  return path;
}

/** Environment handed to the sandbox: only what commands need, never the caller's secrets. */
export function sandboxEnv(env: RunnerEnv, spec: ImageSpec): Record<string, string> {
  return { PATH: env.path, HOME: '/root', LANG: 'C.UTF-8', ...spec.env };
}

/** `runsc --network=none do`: gVisor, no network but loopback, host file system read-only under a writable layer. */
export function createGvisorProvider(env: RunnerEnv, runsc = RUNSC_PATH): Provider {
  return {
    name: 'gvisor',
    isolated: true,
    warning: undefined,
    async create(spec: ImageSpec): Promise<Sandbox> {
      const bin = ensureRunsc(env, runsc);
      const sandbox = await AgentSandbox.start({
        provider: 'gvisor',
        // A shell stays PID 1 (no exec: the trailing `exit`) so orphans of killed commands are reaped, not left as
        // zombies. dash, not bash: bash with a socket as stdin and no SHLVL sources ~/.bashrc, which can hang.
        argv: [
          bin,
          '--network=none',
          'do',
          '/bin/sh',
          '-c',
          '"$0" "$1"; exit $?',
          process.execPath,
          spec.agentScript,
        ],
        env: sandboxEnv(env, spec),
      });
      try {
        await installStatxShim(sandbox);
      } catch (err) {
        await sandbox.terminate();
        throw err;
      }
      return sandbox;
    },
  };
}
