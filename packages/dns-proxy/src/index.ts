export type { DnsProxyErrorCode, DnsProxyErrorOptions } from './errors';
export { DnsProxyError, isDnsProxyError } from './errors';
