import { describe, expect, it } from 'vitest';
import { base62, crc32, hasValidTokenChecksum } from './crc32';

describe('crc32', () => {
  it('matches the well-known check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it('encodes base62 with padding', () => {
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 2)).toBe('0z');
    expect(base62(62, 1)).toBe('10');
  });

  it('accepts a token whose last six characters are the checksum of its body', () => {
    const body = 'FAKEFAKEFAKEFAKEFAKEFAKEFAKE00';
    const token = `ghp_${body}${base62(crc32(body), 6)}`;
    expect(hasValidTokenChecksum(token)).toBe(true);
    const flipped = token.endsWith('x') ? 'y' : 'x';
    expect(hasValidTokenChecksum(`${token.slice(0, -1)}${flipped}`)).toBe(false);
    expect(hasValidTokenChecksum('ghp_short')).toBe(false);
  });
});
