import type { Readable } from 'node:stream';
import type { ApprovalRequest, PolicyTable, TracedProcess } from '@agentsh/tracer';
import { spawnTraced } from '@agentsh/tracer';
import type { ApprovalManager } from '../approvals/manager';
import type { DaemonMetrics } from '../metrics/registry';
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
}

/** Runs every command under the C tracer with its session's table; approvals park the tracee and ask here. */
export function createTracedRunner(opts: TracedRunnerOptions): CommandRunner {
  const running = new Map<string, TracedProcess>();

  const approve = (req: RunRequest) => async (ask: ApprovalRequest) => {
    const e = ask.event;
    const { outcome } = opts.approvals.request({
      sessionId: req.sessionId,
      commandId: req.commandId,
      kind: e.type === 'exec' ? 'command' : 'file',
      target: e.type === 'signal' ? `signal ${e.signal} -> ${e.targetPid}` : e.path,
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
    async run(req: RunRequest): Promise<RunResult> {
      let proc: TracedProcess;
      try {
        proc = await spawnTraced({
          argv: [req.command, ...req.args],
          env: req.env,
          cwd: req.cwd,
          table: opts.tableFor(req.sessionId),
          quarantineDir: opts.quarantineFor(req.sessionId),
          onApproval: approve(req),
        });
      } catch (err) {
        const failed = startFailure(req, err);
        if (failed) return failed;
        throw err;
      }
      running.set(req.commandId, proc);
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
        for await (const event of proc.events)
          if (event.type !== 'dropped') req.onEvent(toOperationEvent(event));
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
