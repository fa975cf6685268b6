/** Every failure this package reports on purpose carries one of these codes. */
export type DnsProxyErrorCode = 'DNS_BIND' | 'DNS_UPSTREAM' | 'DNS_CONFIG' | 'DNS_MALFORMED';

export interface DnsProxyErrorOptions {
  cause?: unknown;
  hint?: string;
}

/** The one error class of @agentsh/dns-proxy. Messages never contain secret values. */
export class DnsProxyError extends Error {
  override readonly name = 'DnsProxyError';
  readonly code: DnsProxyErrorCode;
  readonly hint: string | undefined;

  constructor(code: DnsProxyErrorCode, message: string, options: DnsProxyErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** True for a DnsProxyError, also across module copies (checks name and code, not only instanceof). */
export function isDnsProxyError(value: unknown): value is DnsProxyError {
  if (!(value instanceof Error) || value.name !== 'DnsProxyError') return false;
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('DNS_');
}
