import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressBytes, formatIPv4, formatIPv6 } from './ip';

describe('ip formatting', () => {
  it('compresses the longest zero run of an IPv6 address', () => {
    expect(formatIPv6(addressBytes('2001:db8:0:0:1:0:0:1') as Buffer, 0)).toBe('2001:db8::1:0:0:1');
    expect(formatIPv6(addressBytes('::1') as Buffer, 0)).toBe('::1');
    expect(formatIPv6(addressBytes('::') as Buffer, 0)).toBe('::');
    expect(formatIPv6(addressBytes('::ffff:127.0.0.1') as Buffer, 0)).toBe('::ffff:7f00:1');
  });

  it('round-trips any 16 bytes through text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIPv6(Buffer.from(bytes), 0);
        expect(addressBytes(text)).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('reads IPv4 and rejects non-addresses', () => {
    expect(formatIPv4(addressBytes('10.1.2.3') as Buffer, 0)).toBe('10.1.2.3');
    expect(addressBytes('example.com')).toBeNull();
  });
});
