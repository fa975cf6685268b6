import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunnerEnv } from '../env';
import type { ImageSpec } from '../image/spec';
import { AgentSandbox } from './agent-sandbox';
import { sandboxEnv } from './gvisor';
import type { ExecOptions, ExecResult, Provider, Sandbox } from './types';

export const LOCAL_WARNING =
  'WARNING: provider "local" runs every command as a plain process on this machine: NO ISOLATION, no gVisor ' +
  '(only a private network namespace holding loopback, so blocked-connect checks send nothing). Development only.';

/**
 * argv for the agent: inside `unshare --net` (a new network namespace with only loopback, brought up) so the
 * suite's connects to private and metadata addresses can never leave the machine, and `--pid --fork` so that
 * when the agent ends, the kernel ends everything started inside (the daemon too), with a /proc of that pid
 * namespace (the tracer reads /proc/<pid> by the pids it sees), in a private mount namespace (the stand-ins'
 * CA is bind-mounted over the system bundle there, see standins/start.ts). Not root: a user namespace.
 * dash, not bash: bash with a socket as stdin and no SHLVL sources ~/.bashrc.
 */
export function localAgentArgv(agentScript: string, isRoot: boolean): string[] {
  const userns = isRoot ? [] : ['--map-root-user'];
  const inner = 'ip link set lo up 2>/dev/null; "$0" "$1"; exit $?';
  return [
    'unshare',
    '--net',
    '--pid',
    '--fork',
    '--mount',
    '--propagation',
    'private',
    '--mount-proc',
    ...userns,
    '--',
    '/bin/sh',
    '-c',
    inner,
    process.execPath,
    agentScript,
  ];
}

/** The system paths agentsh uses; the local provider relocates them under a temporary root. */
const RELOCATED = [
  '/etc/agentsh',
  '/var/lib/agentsh',
  '/var/log/agentsh',
  '/usr/lib/agentsh',
  '/usr/bin/agentsh',
];

/** Rewrites agentsh's system paths in a command or file to live under `root` (never touch the host's /etc). */
export function relocate(text: string, root: string): string {
  let out = text;
  for (const path of RELOCATED) out = out.split(path).join(`${root}${path}`);
  return out;
}

class LocalSandbox implements Sandbox {
  readonly provider = 'local' as const;
  readonly #inner: AgentSandbox;
  readonly #root: string;

  constructor(inner: AgentSandbox, root: string) {
    this.#inner = inner;
    this.#root = root;
  }

  exec(cmd: string, options?: ExecOptions): Promise<ExecResult> {
    return this.#inner.exec(relocate(cmd, this.#root), options);
  }

  writeFile(path: string, content: string | Uint8Array, mode?: number): Promise<void> {
    const target = relocate(path, this.#root);
    const body = typeof content === 'string' ? relocate(content, this.#root) : content;
    return this.#inner.writeFile(
      target.startsWith(this.#root) ? target : join(this.#root, 'fs', path),
      body,
      mode,
    );
  }

  async terminate(): Promise<void> {
    await this.#inner.terminate();
    rmSync(this.#root, { recursive: true, force: true });
  }
}

/** Plain child processes; agentsh's /etc, /var and /usr/bin paths are relocated under a temporary folder. */
export function createLocalProvider(env: RunnerEnv): Provider {
  return {
    name: 'local',
    isolated: false,
    warning: LOCAL_WARNING,
    async create(spec: ImageSpec): Promise<Sandbox> {
      const root = mkdtempSync(join(tmpdir(), 'agentsh-local-'));
      const base = sandboxEnv(env, spec);
      const path = `${root}/usr/bin:${base.PATH ?? env.path}`;
      const inner = await AgentSandbox.start({
        provider: 'local',
        argv: localAgentArgv(spec.agentScript, env.isRoot),
        env: { ...base, PATH: path, HOME: env.home },
      });
      return new LocalSandbox(inner, root);
    },
  };
}
