import { describe, expect, it } from 'vitest';
import { parseServerConfig } from './server-config';

describe('sandbox.network.dns_upstream', () => {
  it('keeps a single host:port or a list', () => {
    const one = parseServerConfig('sandbox:\n  network:\n    dns_upstream: 127.77.0.53:53\n');
    const many = parseServerConfig('sandbox:\n  network:\n    dns_upstream: [127.0.0.1:5353, "[::1]:53"]\n');
    expect(one.ok && one.config.sandbox.network.dns_upstream).toBe('127.77.0.53:53');
    expect(many.ok && many.config.sandbox.network.dns_upstream).toEqual(['127.0.0.1:5353', '[::1]:53']);
  });

  it('is absent by default (the proxy then reads /etc/resolv.conf)', () => {
    const r = parseServerConfig('{}');
    expect(r.ok && r.config.sandbox.network.dns_upstream).toBeUndefined();
  });
});
