import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReply, framed, queryPacket, tcpExchange } from '../test/client';
import { type FakeUpstream, startFakeUpstream } from '../test/fake-upstream';
import { hasIPv6Loopback } from '../test/ipv6';
import { createDnsProxy, type DnsProxyOptions } from './proxy';
import type { AnswerMapping, Decision } from './types';

let v4: FakeUpstream;
let v6: FakeUpstream | undefined;

beforeAll(async () => {
  const zone = { 'a.test/A': [{ name: 'a.test', type: 'A' as const, ttl: 300, data: '127.0.0.1' }] };
  v4 = await startFakeUpstream({ zone });
  if (!hasIPv6Loopback) return;
  v6 = await startFakeUpstream({
    zone: { 'a.test/A': [{ name: 'a.test', type: 'A', ttl: 300, data: '127.0.0.6' }] },
    host: '::1',
  });
});

afterAll(async () => {
  await v4.close();
  await v6?.close();
});

function make(extra: Partial<DnsProxyOptions> = {}) {
  return createDnsProxy({
    session: 'x',
    decide: () => ({ action: 'allow' }),
    upstreams: [v4.address],
    ...extra,
  });
}

async function ask(
  proxy: ReturnType<typeof make>,
  name: string,
  options: { type?: string; edns?: boolean } = {},
) {
  return decodeReply(
    (await proxy.handle(queryPacket(name, options.type ?? 'A', { edns: options.edns ?? false }))) as Buffer,
  );
}

describe('more behaviour', () => {
  it('answers NXDOMAIN for the DoH canary without asking decide(), unless told not to', async () => {
    const asked: string[] = [];
    const decide = ({ name }: { name: string }): Decision => {
      asked.push(name);
      return { action: 'redirect', address: '127.0.0.5' };
    };
    expect((await ask(make({ decide }), 'use-application-dns.net')).rcode).toBe('NXDOMAIN');
    expect(asked).toEqual([]);
    expect((await ask(make({ decide, blockDohCanary: false }), 'use-application-dns.net')).rcode).toBe(
      'NOERROR',
    );
    expect(asked).toEqual(['use-application-dns.net']);
  });

  it.runIf(hasIPv6Loopback)('forwards to an IPv6 loopback upstream', async () => {
    const proxy = make({ upstreams: [v6?.address ?? ''] });
    expect((await ask(proxy, 'a.test')).answers?.[0]).toMatchObject({ data: '127.0.0.6' });
    await proxy.close();
  });

  it('awaits an async decide() and answers SERVFAIL when it rejects', async () => {
    const later = (decision: Decision) => new Promise<Decision>((r) => setTimeout(() => r(decision), 5));
    expect((await ask(make({ decide: () => later({ action: 'deny' }) }), 'a.test')).rcode).toBe('NXDOMAIN');
    expect((await ask(make({ decide: () => Promise.reject(new Error('no')) }), 'a.test')).rcode).toBe(
      'SERVFAIL',
    );
  });

  it('calls onAnswer for cache hits too, with counted-down TTLs', async () => {
    let now = 0;
    const mappings: AnswerMapping[] = [];
    const proxy = make({ now: () => now, onAnswer: (m) => void mappings.push(m) });
    await ask(proxy, 'a.test');
    now = 100_000;
    await ask(proxy, 'a.test');
    expect(mappings.map((m) => m.addresses[0]?.ttl)).toEqual([300, 200]);
  });

  it('maps a redirect written in long IPv6 form under its canonical text', async () => {
    const proxy = make({ decide: () => ({ action: 'redirect', address: '0:0:0:0:0:0:0:1' }) });
    expect((await ask(proxy, 'v6.test', { type: 'AAAA' })).answers?.[0]).toMatchObject({ data: '::1' });
    expect(proxy.ipMap.lookup('::1')).toEqual(['v6.test']);
  });

  it('adds an OPT record to synthetic answers only when the query had one', async () => {
    const proxy = make({ decide: () => ({ action: 'redirect', address: '127.0.0.5' }) });
    expect((await ask(proxy, 'r.test')).additionals).toHaveLength(0);
    const withEdns = await ask(proxy, 'r.test', { edns: true });
    expect(withEdns.additionals?.map((a) => a.type)).toEqual(['OPT']);
  });

  it('answers pipelined TCP queries out of order: a slow decision does not hold back a fast one', async () => {
    const decide = async ({ name }: { name: string }): Promise<Decision> => {
      if (name === 'slow.test') await new Promise((r) => setTimeout(r, 150));
      return { action: 'deny' };
    };
    const proxy = make({ decide });
    const [address] = await proxy.listen();
    const stream = Buffer.concat([
      framed(queryPacket('slow.test', 'A', { id: 1 })),
      framed(queryPacket('fast.test', 'A', { id: 2 })),
    ]);
    const replies = await tcpExchange('127.0.0.1', address?.port ?? 0, [stream], 2);
    expect(replies.map((r) => decodeReply(r).id)).toEqual([2, 1]);
    await proxy.close();
  });
});
