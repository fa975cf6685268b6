import type { ExecRequest } from '../server/schemas';
import type { SessionRecord } from '../sessions/session';
import { classifyEvents } from './classify';
import { OutputCapture } from './output';
import type { ExecResponse } from './response';
import type { ExecDeps, ExecStreamSink } from './service';
import type { OperationEvent } from './types';

export interface RunApprovedOptions {
  session: SessionRecord;
  commandId: string;
  request: ExecRequest;
  command: string;
  args: string[];
  sink?: ExecStreamSink | undefined;
}

/** Runs a command the precheck allowed: output through the redactor, events collected, result shaped. */
export async function runApproved(deps: ExecDeps, opts: RunApprovedOptions): Promise<ExecResponse> {
  const { session, commandId, request } = opts;
  const sid = session.view.id;
  const stdout = new OutputCapture(deps.newRedactor(session), forward(opts.sink?.stdout, commandId));
  const stderr = new OutputCapture(deps.newRedactor(session), forward(opts.sink?.stderr, commandId));
  const events: OperationEvent[] = [];
  const started = Date.now();
  deps.emit({
    type: 'command_started',
    session_id: sid,
    command_id: commandId,
    fields: { command: opts.command, args: opts.args.map(deps.redactText) },
  });
  const result = await deps.runner.run({
    sessionId: sid,
    commandId,
    command: opts.command,
    args: opts.args,
    ...(request.argv0 ? { argv0: request.argv0 } : {}),
    env: deps.buildEnv(session, request.env ?? {}),
    cwd: request.working_dir ?? session.view.cwd,
    ...(request.stdin !== undefined ? { stdin: request.stdin } : {}),
    timeoutMs: deps.timeoutMs(session, request.timeout),
    onStdout: (chunk) => stdout.push(chunk),
    onStderr: (chunk) => stderr.push(chunk),
    onEvent: (event) => {
      events.push(event);
      deps.emit({ ...redactArgv(event, deps.redactText), session_id: sid, command_id: commandId });
    },
  });
  stdout.end();
  stderr.end();
  const durationMs = Date.now() - started;
  const exitCode = result.timedOut ? 124 : result.exitCode;
  deps.emit({
    type: 'command_finished',
    session_id: sid,
    command_id: commandId,
    fields: {
      exit_code: exitCode,
      duration_ms: durationMs,
      cpu_user_ms: result.cpuUserMs,
      cpu_system_ms: result.cpuSystemMs,
      memory_peak_kb: result.memoryPeakKb,
    },
  });
  deps.storeOutput({ commandId, sessionId: sid, stdout: stdout.text(), stderr: stderr.text() });
  const out = stdout.forResponse();
  const err = stderr.forResponse();
  const lists = classifyEvents(events);
  return {
    command_id: commandId,
    session_id: sid,
    timestamp: new Date(started).toISOString(),
    request,
    result: {
      exit_code: exitCode,
      stdout: out.text,
      stderr: err.text,
      stdout_truncated: out.truncated,
      stderr_truncated: err.truncated,
      stdout_total_bytes: stdout.rawBytes,
      stderr_total_bytes: stderr.rawBytes,
      duration_ms: durationMs,
      ...(exitCode === 0
        ? {}
        : {
            error: {
              code: 'E_COMMAND_FAILED' as const,
              message: result.timedOut ? 'command timed out' : `exit status ${exitCode}`,
            },
          }),
    },
    events: lists,
    resources: {
      cpu_user_ms: result.cpuUserMs,
      cpu_system_ms: result.cpuSystemMs,
      memory_peak_kb: result.memoryPeakKb,
    },
    guidance:
      lists.blocked_operations_count > 0
        ? {
            status: 'blocked',
            blocked: true,
            retryable: false,
            reason: 'operation denied by policy',
            policy_rule: lists.blocked_operations[0]?.policy?.rule ?? '',
          }
        : { status: exitCode === 0 ? 'ok' : 'failed', blocked: false, retryable: false },
  };
}

function forward(
  target: ((text: string, commandId: string) => void) | undefined,
  commandId: string,
): ((text: string) => void) | undefined {
  return target ? (text) => target(text, commandId) : undefined;
}

/** A tracer exec event carries the full argv: it passes the DLP before it is stored. */
function redactArgv(event: OperationEvent, redact: (text: string) => string): OperationEvent {
  const argv = event.fields?.argv;
  if (!Array.isArray(argv)) return event;
  return {
    ...event,
    fields: { ...event.fields, argv: argv.map((a) => (typeof a === 'string' ? redact(a) : a)) },
  };
}
