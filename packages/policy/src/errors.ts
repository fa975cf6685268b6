/** Every failure this package reports on purpose carries one of these codes. */
export type PolicyErrorCode =
  | 'POLICY_PARSE'
  | 'POLICY_INVALID'
  | 'POLICY_IO'
  | 'POLICY_VARIABLE'
  | 'POLICY_CONFIG'
  | 'POLICY_COMPILE';

export interface PolicyErrorOptions {
  cause?: unknown;
  hint?: string;
}

/** The one error class of @agentsh/policy. Messages never contain secret values. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly code: PolicyErrorCode;
  readonly hint: string | undefined;

  constructor(code: PolicyErrorCode, message: string, options: PolicyErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** True for a PolicyError, also across module copies (checks name and code, not only instanceof). */
export function isPolicyError(value: unknown): value is PolicyError {
  if (!(value instanceof Error) || value.name !== 'PolicyError') return false;
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('POLICY_');
}
