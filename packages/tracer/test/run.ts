import type { DecisionEvent, TraceEvent } from '../src/events';
import type { ExitInfo } from '../src/exit-info';
import { type SpawnTracedOptions, spawnTraced } from '../src/spawn';
import type { PolicyTable } from '../src/table';

export interface TraceResult {
  exit: ExitInfo;
  events: TraceEvent[];
  stdout: string;
  stderr: string;
  /** Decision events that denied something. */
  denied: DecisionEvent[];
}

async function collect(stream: NodeJS.ReadableStream | null): Promise<string> {
  if (!stream) return '';
  let out = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) out += chunk;
  return out;
}

/** Runs argv under the tracer with stdin closed and stdout/stderr captured. */
export async function trace(
  argv: string[],
  table: PolicyTable,
  extra: Partial<SpawnTracedOptions> = {},
): Promise<TraceResult> {
  const proc = await spawnTraced({ argv, table, stdio: ['ignore', 'pipe', 'pipe'], ...extra });
  const events: TraceEvent[] = [];
  const [stdout, stderr] = await Promise.all([
    collect(proc.stdout),
    collect(proc.stderr),
    (async () => {
      for await (const e of proc.events) events.push(e);
    })(),
  ]);
  const exit = await proc.exited;
  const denied = events.filter((e): e is DecisionEvent => e.type !== 'dropped' && e.effective === 'deny');
  return { exit, events, stdout, stderr, denied };
}

/** sh -c script under the tracer. */
export function traceSh(script: string, table: PolicyTable, extra: Partial<SpawnTracedOptions> = {}) {
  return trace(['/bin/sh', '-c', script], table, extra);
}
