import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './private-ip';

describe('isPrivateAddress', () => {
  it('flags loopback, RFC 1918, CGNAT, link-local and unspecified IPv4', () => {
    for (const ip of [
      '127.0.0.1',
      '10.9.8.7',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
  });

  it('flags ::1, ::, ULA, link-local and IPv4-mapped IPv6', () => {
    for (const ip of ['::1', '::', 'fd00::1', 'fc12::1', 'fe80::1', '::ffff:8.8.8.8', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
  });

  it('passes public addresses', () => {
    for (const ip of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:4860::8888', '::2']) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });
});
