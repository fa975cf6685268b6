import type { ApprovalManager } from '../approvals/manager';
import { DaemonError } from '../errors';
import type { DaemonEvent } from '../server/context';
import type { ExecRequest } from '../server/schemas';
import { newCommandId } from '../sessions/ids';
import type { SessionRecord } from '../sessions/session';
import { classifyEvents } from './classify';
import { blockedResponse, type ExecResponse } from './response';
import { runApproved } from './run';
import type { CommandRunner, OutputRedactor, PolicyVerdict } from './types';

export interface ExecDeps {
  precheck: (session: SessionRecord, command: string, args: string[]) => PolicyVerdict;
  buildEnv: (session: SessionRecord, extra: Record<string, string>) => Record<string, string>;
  /** the command timeout for this request: the request's, capped by the policy (default 5m) */
  timeoutMs: (session: SessionRecord, requested: string | undefined) => number;
  runner: CommandRunner;
  newRedactor: (session: SessionRecord) => OutputRedactor;
  approvals: ApprovalManager;
  approvalTimeoutMs: number;
  emit: (event: Omit<DaemonEvent, 'id' | 'timestamp'>) => void;
  /** DLP over text that goes into events (command arguments): secrets never reach the audit store */
  redactText: (text: string) => string;
  storeOutput: (output: { commandId: string; sessionId: string; stdout: string; stderr: string }) => void;
}

/** Receives redacted output as it is produced (for /exec/stream). */
export interface ExecStreamSink {
  stdout: (text: string, commandId: string) => void;
  stderr: (text: string, commandId: string) => void;
}

/** Fail closed: throws 503 when the runner cannot enforce (streaming routes call it before they answer 200). */
export function assertEnforcing(runner: CommandRunner): void {
  const availability = runner.available();
  if (!availability.ok) {
    throw new DaemonError(
      'DAEMON_UNAVAILABLE',
      `refusing to execute commands without enforcement: ${availability.reason}`,
    );
  }
}

/** The agentsh_commands_total label of a finished exec. */
export function commandOutcome(outcome: ExecOutcome): 'blocked' | 'ok' | 'failed' {
  if (outcome.status === 403) return 'blocked';
  return outcome.body.result.exit_code === 0 ? 'ok' : 'failed';
}

export interface ExecOutcome {
  status: 200 | 403;
  body: ExecResponse;
}

/** agentsh's exec path: precheck, approval, redirect, env, traced run, redacted output, events. */
export async function executeCommand(
  deps: ExecDeps,
  session: SessionRecord,
  request: ExecRequest,
  sink?: ExecStreamSink,
): Promise<ExecOutcome> {
  const commandId = newCommandId();
  const sid = session.view.id;
  let command = request.command;
  let args = request.args ?? [];
  const verdict = deps.precheck(session, command, args);
  deps.emit({
    type: 'command_policy',
    session_id: sid,
    command_id: commandId,
    operation: 'command_precheck',
    policy: {
      decision: verdict.decision,
      effective_decision: verdict.effective_decision,
      rule: verdict.rule,
      ...(verdict.message ? { message: verdict.message } : {}),
    },
    fields: { command, args: args.map(deps.redactText) },
  });
  const refusal = await refuse(deps, { session, commandId, request, verdict });
  if (refusal) return { status: 403, body: refusal };
  if (verdict.effective_decision === 'redirect' && verdict.redirect) {
    deps.emit({
      type: 'command_redirected',
      session_id: sid,
      command_id: commandId,
      fields: {
        from_command: command,
        from_args: args.map(deps.redactText),
        to_command: verdict.redirect.command,
        to_args: verdict.redirect.args.map(deps.redactText),
      },
    });
    command = verdict.redirect.command;
    args = verdict.redirect.args;
  }
  assertEnforcing(deps.runner);
  return { status: 200, body: await runApproved(deps, { session, commandId, request, command, args, sink }) };
}

async function refuse(
  deps: ExecDeps,
  opts: { session: SessionRecord; commandId: string; request: ExecRequest; verdict: PolicyVerdict },
): Promise<ExecResponse | undefined> {
  const { verdict } = opts;
  const base = {
    commandId: opts.commandId,
    sessionId: opts.session.view.id,
    request: opts.request,
    rule: verdict.rule,
  };
  const events = classifyEvents([]);
  if (verdict.effective_decision === 'deny') {
    return blockedResponse({ ...base, code: 'E_POLICY_DENIED', message: 'command denied by policy', events });
  }
  if (verdict.effective_decision !== 'approve') return undefined;
  const { outcome } = deps.approvals.request({
    sessionId: opts.session.view.id,
    commandId: opts.commandId,
    kind: 'command',
    target: [opts.request.command, ...(opts.request.args ?? [])].join(' '),
    rule: verdict.rule,
    message: verdict.message ?? '',
    timeoutMs: deps.approvalTimeoutMs,
  });
  const answer = await outcome;
  if (answer.approved) return undefined;
  const timedOut = answer.reason === 'approval timeout';
  return blockedResponse({
    ...base,
    code: timedOut ? 'E_APPROVAL_TIMEOUT' : 'E_APPROVAL_DENIED',
    message: timedOut ? 'approval timed out' : 'approval denied',
    events,
  });
}
