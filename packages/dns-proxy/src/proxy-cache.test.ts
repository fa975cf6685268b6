import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReply, queryPacket } from '../test/client';
import { type FakeUpstream, startFakeUpstream } from '../test/fake-upstream';
import { DnsCache } from './cache';
import { createDnsProxy, type DnsProxyOptions } from './proxy';
import type { Decision, DnsEvent } from './types';

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream({
    zone: {
      'a.test/A': [{ name: 'a.test', type: 'A', ttl: 300, data: '127.0.0.1' }],
      'short.test/A': [{ name: 'short.test', type: 'A', ttl: 1, data: '127.0.0.3' }],
      'long.test/A': [{ name: 'long.test', type: 'A', ttl: 999_999, data: '127.0.0.4' }],
      'nodata.test/TXT': [],
    },
  });
});

afterAll(async () => {
  await upstream.close();
});

function setup(extra: Partial<DnsProxyOptions> = {}) {
  let now = 1_000_000;
  const events: DnsEvent[] = [];
  const proxy = createDnsProxy({
    session: 's1',
    decide: () => ({ action: 'allow' }),
    upstreams: [upstream.address],
    now: () => now,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  const ask = async (name: string, type = 'A', id = 4242) =>
    decodeReply((await proxy.handle(queryPacket(name, type, { id }))) as Buffer);
  const advance = (ms: number) => {
    now += ms;
  };
  const sent = (name: string) => upstream.queries.filter((q) => q.name === name).length;
  return { proxy, events, ask, advance, sent };
}

describe('cache', () => {
  it('serves a repeat from cache with the new id, the new casing and counted-down TTLs', async () => {
    const { ask, advance, sent, events } = setup();
    const before = sent('a.test');
    await ask('a.test');
    advance(10_500);
    const second = await ask('A.Test', 'A', 7);
    expect(sent('a.test') - before).toBe(1);
    expect(second.id).toBe(7);
    expect(second.questions?.[0]?.name).toBe('A.Test');
    expect(second.answers?.[0]).toMatchObject({ data: '127.0.0.1', ttl: 290 });
    expect(events.map((e) => e.cached)).toEqual([false, true]);
    expect(events[1]?.answers[0]?.ttl).toBe(290);
  });

  it('expires entries at their TTL and clamps TTLs to min/max', async () => {
    const { ask, advance, sent } = setup({ cache: { minTtl: 5, maxTtl: 3600 } });
    const before = sent('short.test');
    expect((await ask('short.test')).answers?.[0]).toMatchObject({ ttl: 5 });
    advance(4000);
    await ask('short.test');
    expect(sent('short.test') - before).toBe(1);
    advance(1500);
    await ask('short.test');
    expect(sent('short.test') - before).toBe(2);
    expect((await ask('long.test')).answers?.[0]).toMatchObject({ ttl: 3600 });
  });

  it('caches NXDOMAIN and NODATA for min(SOA TTL, SOA MINIMUM)', async () => {
    const { ask, advance, sent } = setup();
    const before = sent('missing.test') + sent('nodata.test');
    expect((await ask('missing.test')).rcode).toBe('NXDOMAIN');
    expect((await ask('nodata.test', 'TXT')).answers).toHaveLength(0);
    advance(29_000);
    await ask('missing.test');
    await ask('nodata.test', 'TXT');
    expect(sent('missing.test') + sent('nodata.test') - before).toBe(2);
    advance(2000);
    await ask('missing.test');
    expect(sent('missing.test') + sent('nodata.test') - before).toBe(3);
  });

  it('never serves one session a redirect cached for another, even with a shared cache', async () => {
    const cache = new DnsCache();
    const redirect: Decision = { action: 'redirect', address: '127.0.0.9' };
    const one = setup({ session: 'one', cache, decide: () => redirect });
    const two = setup({ session: 'two', cache, decide: () => ({ action: 'allow' }) });
    expect((await one.ask('a.test')).answers?.[0]).toMatchObject({ data: '127.0.0.9' });
    expect((await two.ask('a.test')).answers?.[0]).toMatchObject({ data: '127.0.0.1' });
    expect(two.events[0]?.cached).toBe(false);
  });

  it('does not reuse a cached answer after the decision for the name changes', async () => {
    let decision: Decision = { action: 'allow' };
    const { ask } = setup({ decide: () => decision });
    expect((await ask('a.test')).rcode).toBe('NOERROR');
    decision = { action: 'deny' };
    expect((await ask('a.test')).rcode).toBe('NXDOMAIN');
  });

  it('can be turned off', async () => {
    const { ask, sent, proxy } = setup({ cache: false });
    const before = sent('a.test');
    await ask('a.test');
    await ask('a.test');
    expect(sent('a.test') - before).toBe(2);
    expect(proxy.cache).toBeUndefined();
  });
});
