import { constants } from 'node:os';

export interface TraceRusage {
  userMs: number;
  systemMs: number;
  maxRssKb: number;
}

/** How the traced command ended. */
export interface ExitInfo {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** Signal name (SIGKILL ...) when a signal ended it. */
  signal: NodeJS.Signals | null;
  rusage: TraceRusage;
  /** Seccomp stops the helper handled, and how many of them it denied. */
  stops: number;
  denies: number;
  /** Every ptrace stop (seccomp, syscall-exit, fork/exec/clone events, signal and group stops). */
  ptraceStops: number;
}

function signalName(n: number): NodeJS.Signals | null {
  for (const [name, value] of Object.entries(constants.signals))
    if (value === n) return name as NodeJS.Signals;
  return null;
}

export function toExitInfo(line: Record<string, unknown>): ExitInfo {
  const ru = (line.rusage ?? {}) as Partial<TraceRusage>;
  return {
    code: typeof line.code === 'number' ? line.code : null,
    signal: typeof line.signal === 'number' ? signalName(line.signal) : null,
    rusage: { userMs: ru.userMs ?? 0, systemMs: ru.systemMs ?? 0, maxRssKb: ru.maxRssKb ?? 0 },
    stops: Number(line.stops ?? 0),
    denies: Number(line.denies ?? 0),
    ptraceStops: Number(line.ptraceStops ?? 0),
  };
}
