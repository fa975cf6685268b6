import type { ExecRequest } from '../server/schemas';
import type { ExecEventLists } from './classify';

export type ExecErrorCode =
  | 'E_POLICY_DENIED'
  | 'E_APPROVAL_DENIED'
  | 'E_APPROVAL_TIMEOUT'
  | 'E_COMMAND_FAILED';

export interface ExecResult {
  exit_code: number;
  stdout?: string;
  stderr?: string;
  stdout_truncated?: boolean;
  stderr_truncated?: boolean;
  stdout_total_bytes?: number;
  stderr_total_bytes?: number;
  duration_ms: number;
  error?: { code: ExecErrorCode; message: string; policy_rule?: string };
}

/** agentsh's ExecResponse JSON. */
export interface ExecResponse {
  command_id: string;
  session_id: string;
  timestamp: string;
  request: ExecRequest;
  result: ExecResult;
  events: ExecEventLists;
  resources?: { cpu_user_ms: number; cpu_system_ms: number; memory_peak_kb: number };
  guidance?: {
    status: 'ok' | 'failed' | 'blocked';
    blocked: boolean;
    retryable: boolean;
    reason?: string;
    policy_rule?: string;
  };
}

export function blockedResponse(opts: {
  commandId: string;
  sessionId: string;
  request: ExecRequest;
  code: ExecErrorCode;
  message: string;
  rule: string;
  events: ExecEventLists;
}): ExecResponse {
  return {
    command_id: opts.commandId,
    session_id: opts.sessionId,
    timestamp: new Date().toISOString(),
    request: opts.request,
    result: {
      exit_code: 126,
      duration_ms: 0,
      error: { code: opts.code, message: opts.message, policy_rule: opts.rule },
    },
    events: opts.events,
    guidance: {
      status: 'blocked',
      blocked: true,
      retryable: false,
      reason: opts.message,
      policy_rule: opts.rule,
    },
  };
}
