import { describe, expect, it } from 'vitest';
import { type CacheEntry, cacheKey, countDown, DnsCache } from './cache';

function entry(storedAt: number, lifetime: number): CacheEntry {
  const response = Buffer.alloc(20);
  response.writeUInt32BE(300, 14);
  return {
    response,
    questionLength: 0,
    storedAt,
    expiresAt: storedAt + lifetime * 1000,
    ttlOffsets: [14],
    ttls: [300],
    decision: 'allow',
    rule: undefined,
    reason: undefined,
    upstream: undefined,
    rcode: '0',
    records: [],
    mapping: undefined,
  };
}

describe('DnsCache', () => {
  it('expires entries at their TTL', () => {
    const cache = new DnsCache();
    cache.set('k', entry(1000, 5));
    expect(cache.get('k', 5999)).toBeDefined();
    expect(cache.get('k', 6000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('clamps TTLs to the configured bounds', () => {
    const cache = new DnsCache({ minTtl: 10, maxTtl: 100 });
    expect([cache.clamp(0), cache.clamp(50), cache.clamp(5000)]).toEqual([10, 50, 100]);
  });

  it('does not store zero-lifetime entries and drops the oldest past maxEntries', () => {
    const cache = new DnsCache({ maxEntries: 2 });
    cache.set('zero', entry(0, 0));
    expect(cache.size).toBe(0);
    cache.set('a', entry(0, 10));
    cache.set('b', entry(0, 10));
    cache.set('c', entry(0, 10));
    expect([cache.get('a', 1), cache.get('c', 1)].map(Boolean)).toEqual([false, true]);
  });

  it('keys by session first so sessions never share an entry', () => {
    const parts = { route: 'default', edns: 0, type: 1, name: 'a.com' };
    expect(cacheKey({ ...parts, session: 's1' })).not.toBe(cacheKey({ ...parts, session: 's2' }));
  });

  it('counts TTLs down by whole elapsed seconds', () => {
    const e = entry(0, 300);
    const copy = Buffer.from(e.response);
    expect(countDown(e, copy, 2500)).toBe(2);
    expect(copy.readUInt32BE(14)).toBe(298);
  });
});
