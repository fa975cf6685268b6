/** Every failure this package reports on purpose carries one of these codes. */
export type TracerErrorCode =
  | 'TRACER_UNAVAILABLE'
  | 'TRACER_SPAWN'
  | 'TRACER_DOWN'
  | 'TRACER_PROTOCOL'
  | 'TRACER_INVALID';

export interface TracerErrorOptions {
  cause?: unknown;
  hint?: string;
}

/** The one error class of @agentsh/tracer. Messages never contain secret values. */
export class TracerError extends Error {
  override readonly name = 'TracerError';
  readonly code: TracerErrorCode;
  readonly hint: string | undefined;

  constructor(code: TracerErrorCode, message: string, options: TracerErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** True for a TracerError, also across module copies (checks name and code, not only instanceof). */
export function isTracerError(value: unknown): value is TracerError {
  if (!(value instanceof Error) || value.name !== 'TracerError') return false;
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('TRACER_');
}
