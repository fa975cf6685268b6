import { randomUUID } from 'node:crypto';

/** agentsh's rule for caller-chosen session ids. */
const SESSION_ID_RE = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,127}$/;

export function newSessionId(): string {
  return `session-${randomUUID()}`;
}

export function newCommandId(): string {
  return `cmd-${randomUUID()}`;
}

export function newApprovalId(): string {
  return `approval-${randomUUID()}`;
}

export function isValidSessionId(id: string): boolean {
  return SESSION_ID_RE.test(id);
}
