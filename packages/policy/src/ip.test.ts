import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, formatIp, parseCidr, parseIp } from './ip';

function inCidr(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseIp(ip);
  if (!c || !a) throw new Error(`bad test input ${cidr} ${ip}`);
  return cidrContains(c, a);
}

describe('ip', () => {
  it('parses v4, v6 and judges IPv4-mapped IPv6 as IPv4', () => {
    expect(parseIp('10.0.0.1')).toEqual({ v: 4, n: 0x0a000001 });
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ v: 4, n: 0x0a000001 });
    expect(parseIp('[::ffff:a00:1]')).toEqual({ v: 4, n: 0x0a000001 });
    expect(parseIp('::1')?.v).toBe(6);
    expect(parseIp('fe80::1%eth0')?.v).toBe(6);
    for (const bad of ['evil.com', '1.2.3', '256.1.1.1', '01.2.3.4', '1::2::3', ':::', '1:2:3:4:5:6:7:8:9']) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it('matches CIDRs in both families', () => {
    expect(inCidr('10.0.0.0/8', '10.255.1.2')).toBe(true);
    expect(inCidr('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(inCidr('172.16.0.0/12', '172.31.255.255')).toBe(true);
    expect(inCidr('172.16.0.0/12', '172.32.0.0')).toBe(false);
    expect(inCidr('192.168.0.0/16', '::ffff:192.168.1.1')).toBe(true);
    expect(inCidr('::1/128', '::1')).toBe(true);
    expect(inCidr('::1/128', '127.0.0.1')).toBe(false);
    expect(inCidr('fd00::/8', 'fd12:3456::1')).toBe(true);
    expect(inCidr('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(inCidr('10.1.2.3/8', '10.9.9.9')).toBe(true);
  });

  it('canonicalises', () => {
    expect(formatCidr(parseCidr('10.1.2.3/8') as never)).toBe('10.0.0.0/8');
    expect(formatCidr(parseCidr('2001:db8:0:0:1::/64') as never)).toBe('2001:db8::/64');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
  });

  it('round-trips random IPv6 addresses through format and parse', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const ip = parseIp(text);
        if (!ip) return false;
        const out = formatIp(ip);
        return (ip.v === 4 || isIPv6(out)) && JSON.stringify(parseIp(out)) === JSON.stringify(ip);
      }),
    );
  });
});
