import { describe, expect, it } from 'vitest';
import { DnsProxyError, isDnsProxyError } from './errors';

describe('DnsProxyError', () => {
  it('carries code, hint and cause', () => {
    const cause = new Error('inner');
    const err = new DnsProxyError('DNS_BIND', 'what went wrong', { cause, hint: 'try this' });
    expect(err.name).toBe('DnsProxyError');
    expect(err.code).toBe('DNS_BIND');
    expect(err.hint).toBe('try this');
    expect(err.cause).toBe(cause);
    expect(isDnsProxyError(err)).toBe(true);
  });

  it('rejects look-alikes', () => {
    expect(isDnsProxyError(new Error('x'))).toBe(false);
    expect(isDnsProxyError({ name: 'DnsProxyError', code: 'DNS_X' })).toBe(false);
  });
});
