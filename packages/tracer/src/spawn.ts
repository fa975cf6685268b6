import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { TracerNativeBinding } from '@agentsh/tracer-native';
import type { TraceEvent } from './events';
import type { ExitInfo } from './exit-info';
import { holdIdlePolling } from './idle-polling';
import { loadNativeBinding } from './native';
import { type StdioOption, spawnOptionsSchema } from './schema';
import { type ApprovalHandler, namesText, TraceSession } from './session';
import type { PolicyTable } from './table';
import { invalid, tableBytes } from './table-bytes';

export interface SpawnTracedOptions {
  /** Command and arguments; argv[0] is looked up in PATH (of env) when it has no '/'. */
  argv: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Like child_process stdio for fds 0-2 (default 'pipe'). */
  stdio?: StdioOption | [StdioOption, StdioOption, StdioOption];
  /** Compiled policy (see docs/compiled-policy.md). */
  table: PolicyTable;
  /** Where soft_delete moves files (default: a per-session directory under the OS temp dir). */
  quarantineDir?: string;
  /** Default time a parked approval waits before it is denied (rules may set their own). */
  approvalTimeoutMs?: number;
  /** Answers "approve" decisions; without it they are denied at once. */
  onApproval?: ApprovalHandler;
  /**
   * The session's DNS proxy: every connect/sendto/sendmsg/sendmmsg aimed at port 53 (any address, UDP
   * or TCP) is rewritten to it (IPv6 destinations to host6:port6, else to ::ffff:host:port).
   */
  dns?: { host: string; port: number; host6?: string; port6?: number };
  /** Names already known for addresses (e.g. the DNS proxy's current answers); loaded before the command runs. */
  names?: NameMapping[];
  /**
   * An absolute path of the shared walk-fence file (created if missing). Every command spawned with the
   * same file is fenced against the others' renames, symlinks and links, as threads of one command are
   * (docs/tracer.md, "The walk fence"); tracees may not open it. Spawning fails when it cannot be mapped.
   */
  fence?: string;
  /**
   * Idle CPUs poll instead of halting while this command runs (PM QoS request of a 0 µs wake-up
   * latency; docs/tracer.md "Idle polling"). Halves the cost of a ptrace stop in VMs whose idle CPUs
   * halt, at the price of spinning idle CPUs. Best effort: ignored where /dev/cpu_dma_latency cannot
   * be opened (see idlePollingError()).
   */
  idlePolling?: boolean;
}

/** Names that resolved to an address in the session, valid for ttl seconds (at least 60). */
export interface NameMapping {
  address: string;
  names: string[];
  ttl: number;
}

export interface TracedProcess {
  /** Pid of the traced command. */
  readonly pid: number;
  /** Decision events, in order; ends when the command and its descendants are gone. */
  readonly events: AsyncIterable<TraceEvent>;
  /** Resolves when the command and every descendant have exited; rejects with TRACER_DOWN. */
  readonly exited: Promise<ExitInfo>;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** SIGKILLs the command and every descendant. */
  kill(): void;
  /** Swaps the policy table of the running session (stop classes must not grow). */
  setTable(table: PolicyTable): Promise<void>;
  /** Teaches the tracer IP -> names (DNS answers); resolves once the helper has them. */
  addNames(mappings: NameMapping[]): Promise<void>;
}

export interface SpawnDeps {
  binding?: Pick<TracerNativeBinding, 'helperPath'>;
}

let sessionCounter = 0;

function helperArgs(
  opts: {
    quarantineDir?: string | undefined;
    approvalTimeoutMs?: number | undefined;
    fence?: string | undefined;
    dns?: { host: string; port: number; host6?: string | undefined; port6?: number | undefined } | undefined;
  },
  argv: string[],
): string[] {
  const quarantine =
    opts.quarantineDir ?? join(tmpdir(), `agentsh-quarantine-${process.pid}-${++sessionCounter}`);
  const args = ['run', '--quarantine', quarantine];
  if (opts.approvalTimeoutMs) args.push('--approval-timeout', String(opts.approvalTimeoutMs));
  if (opts.fence) args.push('--fence', opts.fence);
  if (opts.dns) {
    args.push('--dns', `${opts.dns.host}:${opts.dns.port}`);
    if (opts.dns.host6) args.push('--dns6', `[${opts.dns.host6}]:${opts.dns.port6 ?? opts.dns.port}`);
  }
  return [...args, '--', ...argv];
}

/** Runs argv under the tracer. Resolves once the command's first execve succeeded under its prefilter. */
export async function spawnTraced(options: SpawnTracedOptions, deps: SpawnDeps = {}): Promise<TracedProcess> {
  const { table, onApproval, env, names, ...rest } = options;
  // process.env is an exotic object: copy it into a plain record of defined strings first
  const plainEnv = env
    ? Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string'))
    : undefined;
  const parsed = spawnOptionsSchema.safeParse({ ...rest, env: plainEnv });
  if (!parsed.success) throw invalid('spawnTraced options', parsed.error.issues);
  const bytes = tableBytes(table);
  const o = parsed.data;
  const binding = deps.binding ?? loadNativeBinding();
  const io = o.stdio ?? 'pipe';
  const stdio = Array.isArray(io) ? io : [io, io, io];
  const preload = namesText(names ?? []).length > 0;
  const args = helperArgs(o, o.argv);
  if (preload) args.splice(1, 0, '--names');
  const release = o.idlePolling ? holdIdlePolling() : undefined;
  const child = spawn(binding.helperPath, args, {
    cwd: o.cwd,
    env: o.env ?? process.env,
    stdio: [...stdio, 'pipe'],
  });
  const session = new TraceSession(child, onApproval);
  if (release) session.exited.then(release, release);
  session.sendTable(bytes);
  // known names are loaded before the command starts (the helper waits for this frame: --names)
  if (preload) void session.addNames(names ?? []).catch(() => {});
  const pid = await session.started;
  return {
    pid,
    events: session.events,
    exited: session.exited,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    kill: () => session.kill(),
    setTable: (t) => {
      try {
        return session.setTable(tableBytes(t));
      } catch (err) {
        return Promise.reject(err);
      }
    },
    addNames: (m) => session.addNames(m),
  };
}
