import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHAIN_LABEL, chainMac, createIntegrityKey, isMarkValid, signMark } from './chain';

describe('chain MAC', () => {
  const key = createIntegrityKey('chain-test-key-0123456789');

  it('is HMAC-SHA256 under the derived chain key, for ASCII and non-ASCII payloads', () => {
    const hex = createHmac('sha256', 'chain-test-key-0123456789').update(CHAIN_LABEL).digest('hex');
    expect(key.chain.hex).toBe(hex);
    for (const payload of ['{"id":"a"}', '{"path":"/tmp/ünïcødé/😀"}', 'x'.repeat(5000), '']) {
      const expected = createHmac('sha256', hex).update(`prev-mac\n42\n${payload}`).digest('base64url');
      expect(chainMac(key, 'prev-mac', 42, payload)).toBe(expected);
    }
  });

  it('depends on the key, the previous MAC, the position and the payload', () => {
    const base = chainMac(key, 'p', 1, '{}');
    expect(chainMac(createIntegrityKey('another-key-0123456789'), 'p', 1, '{}')).not.toBe(base);
    expect(chainMac(key, 'q', 1, '{}')).not.toBe(base);
    expect(chainMac(key, 'p', 2, '{}')).not.toBe(base);
    expect(chainMac(key, 'p', 1, '{ }')).not.toBe(base);
  });

  it('refuses a short key without echoing it', () => {
    expect(() => createIntegrityKey('short-secret')).toThrow('integrity key is 12 bytes; at least 16 needed');
  });

  it('signs anchors and heads so they cannot be moved or swapped', () => {
    const mark = signMark(key, 'anchor', 5, 'mac');
    expect(isMarkValid(key, 'anchor', mark)).toBe(true);
    expect(isMarkValid(key, 'head', mark)).toBe(false);
    expect(isMarkValid(key, 'anchor', { ...mark, seq: 6 })).toBe(false);
  });
});
