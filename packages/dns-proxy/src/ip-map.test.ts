import { describe, expect, it } from 'vitest';
import { IpNameMap } from './ip-map';

describe('IpNameMap', () => {
  it('maps addresses to names until the TTL (or the minimum retention) runs out', () => {
    let now = 0;
    const map = new IpNameMap({ now: () => now, minRetention: 5 });
    map.record([{ address: '127.0.0.1', ttl: 60 }], ['a.com', 'cdn.a.com']);
    map.record([{ address: '127.0.0.1', ttl: 0 }], ['b.com']);
    expect(map.lookup('127.0.0.1')).toEqual(['a.com', 'cdn.a.com', 'b.com']);
    now = 6000;
    expect(map.lookup('127.0.0.1')).toEqual(['a.com', 'cdn.a.com']);
    now = 61_000;
    expect(map.lookup('127.0.0.1')).toEqual([]);
    expect(map.snapshot().size).toBe(0);
  });

  it('canonicalises IPv6 text on the way in and out', () => {
    const map = new IpNameMap();
    map.record([{ address: '0:0::1', ttl: 60 }], ['v6.com']);
    expect(map.lookup('::1')).toEqual(['v6.com']);
    expect(map.lookup('not an ip')).toEqual([]);
  });
});
