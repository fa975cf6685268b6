/** Every failure this package reports on purpose carries one of these codes. */
export type DlpErrorCode = 'DLP_INVALID_PATTERN' | 'DLP_INVALID_CONFIG' | 'DLP_STREAM';

export interface DlpErrorOptions {
  cause?: unknown;
  hint?: string;
}

/** The one error class of @agentsh/dlp. Messages never contain secret values. */
export class DlpError extends Error {
  override readonly name = 'DlpError';
  readonly code: DlpErrorCode;
  readonly hint: string | undefined;

  constructor(code: DlpErrorCode, message: string, options: DlpErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** True for a DlpError, also across module copies (checks name and code, not only instanceof). */
export function isDlpError(value: unknown): value is DlpError {
  if (!(value instanceof Error) || value.name !== 'DlpError') return false;
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('DLP_');
}
