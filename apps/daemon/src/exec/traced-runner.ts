import type { Readable } from 'node:stream';
import type { ApprovalRequest, NameMapping, PolicyTable, TracedProcess } from '@agentsh/tracer';
import { spawnTraced } from '@agentsh/tracer';
import type { ApprovalManager } from '../approvals/manager';
import type { DaemonMetrics } from '../metrics/registry';
import { netEvent, unixEvent } from './socket-events';
import { startFailure } from './start-failure';
import { toOperationEvent } from './trace-events';
import type { CommandRunner, RunRequest, RunResult } from './types';

export interface TracedRunnerOptions {
  /** the compiled policy table of a session */
  tableFor: (sessionId: string) => PolicyTable;
  /** where soft-deleted files of a session go */
  quarantineFor: (sessionId: string) => string;
  approvals: ApprovalManager;
  /** probe result: the runner refuses to run when tracing does not work here */
  readiness: () => { ok: boolean; reason?: string };
  metrics?: Pick<DaemonMetrics, 'tracerStops' | 'tracerDenies' | 'tracerRunning'>;
  /**
   * The session's DNS proxy (port-53 traffic of its commands is steered there) and the IP -> names it
   * has answered so far (loaded into each new command's tracer).
   */
  dnsFor?: (sessionId: string) => SessionDnsInfo | undefined;
  /**
   * The walk-fence file shared by every command this runner starts, so that one command's renames and
   * symlinks cannot swap a directory under another command's checked path (docs/tracer.md).
   */
  fence?: string;
  /** Idle CPUs poll while commands run (sandbox.ptrace.performance.idle_polling; docs/tracer.md). */
  idlePolling?: boolean;
  /** Last step before a command starts: e.g. connect_redirects to host names get their addresses. */
  prepareTable?: (table: PolicyTable) => Promise<PolicyTable>;
}

export interface SessionDnsInfo {
  dns: { host: string; port: number; host6?: string; port6?: number };
  names: NameMapping[];
}

export interface TracedRunner extends CommandRunner {
  /** Teaches every running command of the session IP -> names; resolves when all acknowledged (or gave up). */
  addNames(sessionId: string, mappings: NameMapping[]): Promise<void>;
}

/** A tracer that does not acknowledge names within this time is not waited for (the answer goes out). */
const NAMES_ACK_TIMEOUT_MS = 2000;

/** The proxy's listeners as spawnTraced's dns option (IPv4 required, IPv6 optional). */
export function dnsOption(
  addresses: readonly { host: string; port: number }[],
): SessionDnsInfo['dns'] | undefined {
  const v4 = addresses.find((a) => a.host.includes('.') && !a.host.includes(':'));
  if (!v4) return undefined;
  const v6 = addresses.find((a) => a.host.includes(':'));
  return { host: v4.host, port: v4.port, ...(v6 ? { host6: v6.host, port6: v6.port } : {}) };
}

/** Runs every command under the C tracer with its session's table; approvals park the tracee and ask here. */
export function createTracedRunner(opts: TracedRunnerOptions): TracedRunner {
  const running = new Map<string, TracedProcess>();
  const sessionOf = new Map<string, string>();

  const approve = (req: RunRequest) => async (ask: ApprovalRequest) => {
    const e = ask.event;
    const { outcome } = opts.approvals.request({
      sessionId: req.sessionId,
      commandId: req.commandId,
      kind:
        e.type === 'exec' ? 'command' : e.type === 'network' || e.type === 'unix_socket' ? 'network' : 'file',
      target:
        e.type === 'signal'
          ? `signal ${e.signal} -> ${e.targetPid}`
          : e.type === 'network'
            ? `${e.family === 'inet6' && e.address.includes(':') ? `[${e.address}]` : e.address}:${e.port}${e.names.length > 0 ? ` (${e.names.join(', ')})` : ''}`
            : e.path,
      rule: e.rule,
      message: e.note ?? `${e.syscall} needs approval`,
      timeoutMs: ask.timeoutMs,
    });
    return (await outcome).approved;
  };

  return {
    available: opts.readiness,
    kill(commandId) {
      const proc = running.get(commandId);
      proc?.kill();
      return proc !== undefined;
    },
    killAll() {
      for (const proc of running.values()) proc.kill();
      return running.size;
    },
    async addNames(sessionId, mappings) {
      const waits: Promise<void>[] = [];
      for (const [commandId, proc] of running) {
        if (sessionOf.get(commandId) !== sessionId) continue;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, NAMES_ACK_TIMEOUT_MS);
        });
        waits.push(
          Promise.race([proc.addNames(mappings).catch(() => {}), timeout]).finally(() => clearTimeout(timer)),
        );
      }
      await Promise.all(waits);
    },
    async run(req: RunRequest): Promise<RunResult> {
      let proc: TracedProcess;
      const dns = opts.dnsFor?.(req.sessionId);
      try {
        const sessionTable = opts.tableFor(req.sessionId);
        const table = opts.prepareTable ? await opts.prepareTable(sessionTable) : sessionTable;
        proc = await spawnTraced({
          ...(dns ? { dns: dns.dns, names: dns.names } : {}),
          argv: [req.command, ...req.args],
          env: req.env,
          cwd: req.cwd,
          table,
          quarantineDir: opts.quarantineFor(req.sessionId),
          ...(opts.fence ? { fence: opts.fence } : {}),
          ...(opts.idlePolling ? { idlePolling: true } : {}),
          onApproval: approve(req),
        });
      } catch (err) {
        const failed = startFailure(req, err);
        if (failed) return failed;
        throw err;
      }
      running.set(req.commandId, proc);
      sessionOf.set(req.commandId, req.sessionId);
      opts.metrics?.tracerRunning.inc();
      proc.stdout?.on('data', req.onStdout);
      proc.stderr?.on('data', req.onStderr);
      proc.stdin?.on('error', () => {});
      proc.stdin?.end(req.stdin ?? '');
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        proc.kill();
      }, req.timeoutMs);
      const drained = (async () => {
        for await (const event of proc.events) {
          if (event.type === 'network') req.onEvent(netEvent(event));
          else if (event.type === 'unix_socket') req.onEvent(unixEvent(event));
          else if (event.type !== 'dropped') req.onEvent(toOperationEvent(event));
        }
      })();
      try {
        const exit = await proc.exited;
        await Promise.all([drained, ended(proc.stdout), ended(proc.stderr)]);
        opts.metrics?.tracerStops.inc(exit.stops);
        opts.metrics?.tracerDenies.inc(exit.denies);
        return {
          exitCode: exit.code ?? (exit.signal ? -1 : 1),
          ...(exit.signal ? { signal: exit.signal } : {}),
          timedOut,
          cpuUserMs: exit.rusage.userMs,
          cpuSystemMs: exit.rusage.systemMs,
          memoryPeakKb: exit.rusage.maxRssKb,
        };
      } finally {
        clearTimeout(timer);
        running.delete(req.commandId);
        sessionOf.delete(req.commandId);
        opts.metrics?.tracerRunning.dec();
      }
    },
  };
}

/** Resolves once a pipe has delivered all its data (the command may exit before its output is read). */
function ended(stream: Readable | null): Promise<void> {
  if (!stream || stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', resolve);
    stream.once('end', resolve);
  });
}
