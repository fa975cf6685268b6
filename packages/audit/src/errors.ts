/** Every failure this package reports on purpose carries one of these codes. */
export type AuditErrorCode =
  | 'AUDIT_OPEN'
  | 'AUDIT_MIGRATION'
  | 'AUDIT_WRITE'
  | 'AUDIT_QUERY'
  | 'AUDIT_INTEGRITY'
  | 'AUDIT_JOURNAL'
  | 'AUDIT_INPUT'
  | 'AUDIT_CLOSED';

export interface AuditErrorOptions {
  cause?: unknown;
  hint?: string;
}

/** The one error class of @agentsh/audit. Messages never contain secret values. */
export class AuditError extends Error {
  override readonly name = 'AuditError';
  readonly code: AuditErrorCode;
  readonly hint: string | undefined;

  constructor(code: AuditErrorCode, message: string, options: AuditErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** True for a AuditError, also across module copies (checks name and code, not only instanceof). */
export function isAuditError(value: unknown): value is AuditError {
  if (!(value instanceof Error) || value.name !== 'AuditError') return false;
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('AUDIT_');
}
