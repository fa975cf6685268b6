/** Every failure the daemon reports on purpose carries one of these codes. */
export type DaemonErrorCode =
  | 'DAEMON_BAD_REQUEST'
  | 'DAEMON_UNAUTHORIZED'
  | 'DAEMON_FORBIDDEN'
  | 'DAEMON_NOT_FOUND'
  | 'DAEMON_CONFLICT'
  | 'DAEMON_LIMIT'
  | 'DAEMON_POLICY_DENIED'
  | 'DAEMON_UNAVAILABLE'
  | 'DAEMON_CONFIG'
  | 'DAEMON_INTERNAL';

/** HTTP status for each code: the one place where errors map to statuses. */
export const STATUS_BY_CODE: Readonly<
  Record<DaemonErrorCode, 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503>
> = {
  DAEMON_BAD_REQUEST: 400,
  DAEMON_UNAUTHORIZED: 401,
  DAEMON_FORBIDDEN: 403,
  DAEMON_NOT_FOUND: 404,
  DAEMON_CONFLICT: 409,
  DAEMON_LIMIT: 429,
  DAEMON_POLICY_DENIED: 403,
  DAEMON_UNAVAILABLE: 503,
  DAEMON_CONFIG: 500,
  DAEMON_INTERNAL: 500,
};

export interface DaemonErrorOptions {
  cause?: unknown;
  hint?: string;
}

/** The daemon's one error class. Its message is what API callers see: never put secrets in it. */
export class DaemonError extends Error {
  override readonly name = 'DaemonError';
  readonly code: DaemonErrorCode;
  readonly hint: string | undefined;

  constructor(code: DaemonErrorCode, message: string, options: DaemonErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

export function isDaemonError(value: unknown): value is DaemonError {
  if (!(value instanceof Error) || value.name !== 'DaemonError') return false;
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('DAEMON_');
}
