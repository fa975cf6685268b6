import { isTracerError } from '@agentsh/tracer';
import type { RunRequest, RunResult } from './types';

const NO_RESOURCES = { timedOut: false, cpuUserMs: 0, cpuSystemMs: 0, memoryPeakKb: 0 } as const;

/**
 * The command itself never started: its execve was refused by an exec rule (exit 126, like agentsh's
 * precheck), or it does not exist (127, like a shell). Anything else is not a start failure.
 */
export function startFailure(req: RunRequest, err: unknown): RunResult | undefined {
  if (!isTracerError(err) || err.code !== 'TRACER_SPAWN' || !err.message.includes('(exec: '))
    return undefined;
  const rule = /denied by rule ([^\s)]+)/.exec(err.message)?.[1];
  if (rule) {
    req.onEvent({
      type: 'process_exec',
      timestamp: new Date().toISOString(),
      path: req.command,
      operation: 'exec',
      policy: { decision: 'deny', effective_decision: 'deny', rule },
      fields: { blocked: true, argv: [req.command, ...req.args] },
    });
    req.onStderr(Buffer.from(`agentsh: command denied by policy (rule=${rule})\n`));
    return { exitCode: 126, ...NO_RESOURCES };
  }
  if (/ENOENT|No such file/.test(err.message)) {
    req.onStderr(Buffer.from(`agentsh: ${req.command}: command not found\n`));
    return { exitCode: 127, ...NO_RESOURCES };
  }
  req.onStderr(Buffer.from(`agentsh: ${req.command}: cannot execute\n`));
  return { exitCode: 126, ...NO_RESOURCES };
}
