import type * as dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReply, queryPacket } from '../test/client';
import { type FakeUpstream, startFakeUpstream } from '../test/fake-upstream';
import { createDnsProxy, type DnsProxyOptions } from './proxy';
import type { AnswerMapping, Decision, DnsEvent } from './types';

let upstream: FakeUpstream;
let other: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream({
    zone: {
      'example.com/A': [{ name: 'example.com', type: 'A', ttl: 300, data: '127.0.0.10' }],
      'example.com/AAAA': [{ name: 'example.com', type: 'AAAA', ttl: 300, data: '::1' }],
      'cloaked.com/A': [
        { name: 'cloaked.com', type: 'CNAME', ttl: 300, data: 'tracker.evil.com' },
        { name: 'tracker.evil.com', type: 'A', ttl: 300, data: '127.0.0.66' },
      ],
      'alias.com/A': [
        { name: 'alias.com', type: 'CNAME', ttl: 300, data: 'real.com' },
        { name: 'real.com', type: 'A', ttl: 120, data: '127.0.0.20' },
      ],
    },
  });
  other = await startFakeUpstream({
    zone: { 'example.com/A': [{ name: 'example.com', type: 'A', ttl: 300, data: '127.0.0.99' }] },
  });
});

afterAll(async () => {
  await upstream.close();
  await other.close();
});

function proxyWith(decide: (name: string, type: string) => Decision, extra: Partial<DnsProxyOptions> = {}) {
  const events: DnsEvent[] = [];
  const proxy = createDnsProxy({
    session: 's1',
    decide: ({ name, type }) => decide(name, type),
    upstreams: [upstream.address],
    upstreamTimeoutMs: 1500,
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { proxy, events };
}

async function ask(proxy: ReturnType<typeof createDnsProxy>, name: string, type: string, edns = false) {
  const response = await proxy.handle(queryPacket(name, type, { edns }));
  if (response === null) throw new Error('dropped');
  return decodeReply(response);
}

const allow = (): Decision => ({ action: 'allow' });

describe('decisions', () => {
  it('forwards allowed queries and records the answer', async () => {
    const { proxy, events } = proxyWith(allow);
    const reply = await ask(proxy, 'Example.COM.', 'A');
    expect(reply.rcode).toBe('NOERROR');
    expect(reply.id).toBe(4242);
    expect(reply.questions?.[0]?.name).toBe('Example.COM');
    expect(reply.answers?.[0]).toMatchObject({ type: 'A', data: '127.0.0.10' });
    expect(events[0]).toMatchObject({
      session: 's1',
      name: 'example.com',
      type: 'A',
      decision: 'allow',
      rcode: 'NOERROR',
      upstream: upstream.address,
      cached: false,
    });
    expect(proxy.ipMap.lookup('127.0.0.10')).toEqual(['example.com']);
  });

  it('answers deny with NXDOMAIN, an SOA and EDE 15, without asking upstream', async () => {
    const before = upstream.queries.length;
    const { proxy, events } = proxyWith(() => ({ action: 'deny', rule: 'no-evil' }));
    const reply = await ask(proxy, 'evil.com', 'A', true);
    expect(reply.rcode).toBe('NXDOMAIN');
    expect(reply.flag_aa).toBe(true);
    expect(reply.authorities?.[0]?.type).toBe('SOA');
    const opt = reply.additionals?.find((a) => a.type === 'OPT') as dnsPacket.OptAnswer | undefined;
    expect(opt?.options?.[0]).toMatchObject({ code: 15 });
    expect(upstream.queries.length).toBe(before);
    expect(events[0]).toMatchObject({ decision: 'deny', rule: 'no-evil', rcode: 'NXDOMAIN' });
  });

  it('redirects A to the configured address with its TTL, AAAA gets NODATA', async () => {
    const { proxy } = proxyWith(() => ({ action: 'redirect', address: '127.0.0.5', ttl: 42, rule: 'r' }));
    const a = await ask(proxy, 'api.example.com', 'A');
    expect(a.flag_aa).toBe(true);
    expect(a.answers?.[0]).toMatchObject({ type: 'A', data: '127.0.0.5', ttl: 42 });
    const aaaa = await ask(proxy, 'api.example.com', 'AAAA');
    expect(aaaa.rcode).toBe('NOERROR');
    expect(aaaa.answers).toHaveLength(0);
    expect(proxy.ipMap.lookup('127.0.0.5')).toEqual(['api.example.com']);
  });

  it('forwards to the upstream a forward decision names', async () => {
    const { proxy, events } = proxyWith(() => ({ action: 'forward', upstream: other.address }));
    const reply = await ask(proxy, 'example.com', 'A');
    expect(reply.answers?.[0]).toMatchObject({ data: '127.0.0.99' });
    expect(events[0]?.upstream).toBe(other.address);
  });

  it('answers ANY with one HINFO RFC8482 record and no forwarding', async () => {
    const before = upstream.queries.length;
    const { proxy } = proxyWith(allow);
    const reply = await ask(proxy, 'example.com', 'ANY');
    expect(reply.answers).toHaveLength(1);
    expect(reply.answers?.[0]).toMatchObject({ type: 'HINFO', data: { cpu: 'RFC8482' } });
    expect(upstream.queries.length).toBe(before);
  });

  it('denies an allowed name whose CNAME chain reaches a denied name', async () => {
    const { proxy, events } = proxyWith((name) =>
      name.endsWith('evil.com') ? { action: 'deny', rule: 'trackers' } : allow(),
    );
    const reply = await ask(proxy, 'cloaked.com', 'A');
    expect(reply.rcode).toBe('NXDOMAIN');
    expect(events[0]).toMatchObject({ decision: 'deny', rule: 'trackers' });
    expect(events[0]?.reason).toContain('tracker.evil.com');
    expect(proxy.ipMap.lookup('127.0.0.66')).toEqual([]);
    expect((await ask(proxy, 'cloaked.com', 'A')).rcode).toBe('NXDOMAIN');
    expect(events[1]).toMatchObject({ decision: 'deny', rule: 'trackers', cached: true });
    expect(events[1]?.reason).toContain('tracker.evil.com');
  });

  it('maps addresses at the end of a CNAME chain to every name in it', async () => {
    const { proxy } = proxyWith(allow);
    await ask(proxy, 'alias.com', 'A');
    expect(proxy.ipMap.lookup('127.0.0.20')).toEqual(['alias.com', 'real.com']);
  });

  it('passes sessions, lower-cased names and type mnemonics to decide()', async () => {
    const seen: string[] = [];
    const { proxy } = proxyWith((name, type) => {
      seen.push(`${name}/${type}`);
      return { action: 'deny' };
    });
    await ask(proxy, 'WWW.Example.Org.', 'AAAA');
    await ask(proxy, 'bücher.de', 'TXT');
    expect(seen).toEqual(['www.example.org/AAAA', 'xn--bcher-kva.de/TXT']);
  });

  it('answers SERVFAIL when decide() throws or returns nonsense', async () => {
    const { proxy } = proxyWith(() => {
      throw new Error('policy broke');
    });
    expect((await ask(proxy, 'example.com', 'A')).rcode).toBe('SERVFAIL');
    const { proxy: odd } = proxyWith(() => ({ action: 'maybe' }) as unknown as Decision);
    expect((await ask(odd, 'example.com', 'A')).rcode).toBe('SERVFAIL');
  });
});

describe('onAnswer', () => {
  it('is awaited before the response is released', async () => {
    const order: string[] = [];
    const onAnswer = async (mapping: AnswerMapping): Promise<void> => {
      await new Promise((r) => setTimeout(r, 30));
      order.push(`mapped ${mapping.addresses[0]?.address}`);
    };
    const { proxy } = proxyWith(allow, { onAnswer });
    await proxy.handle(queryPacket('example.com', 'A')).then(() => order.push('answered'));
    expect(order).toEqual(['mapped 127.0.0.10', 'answered']);
  });

  it('turns the answer into SERVFAIL when the hook rejects', async () => {
    const { proxy } = proxyWith(allow, { onAnswer: () => Promise.reject(new Error('tracer gone')) });
    expect((await ask(proxy, 'example.com', 'A')).rcode).toBe('SERVFAIL');
  });
});

describe('stats', () => {
  it('counts answered, dropped, rejected, cached, forwarded, denied and redirected queries', async () => {
    const { proxy } = proxyWith((name) => {
      if (name === 'evil.com') return { action: 'deny' };
      if (name === 'r.com') return { action: 'redirect', address: '127.0.0.5' };
      return allow();
    });
    await ask(proxy, 'example.com', 'A');
    await ask(proxy, 'example.com', 'A');
    await ask(proxy, 'evil.com', 'A');
    await ask(proxy, 'r.com', 'A');
    await proxy.handle(Buffer.alloc(4));
    await proxy.handle(Buffer.concat([queryPacket('a.com', 'A'), Buffer.from([0])]));
    expect(proxy.stats).toEqual({
      answered: 5,
      dropped: 1,
      rejected: 1,
      cacheHits: 1,
      forwarded: 1,
      denied: 1,
      redirected: 1,
      servfail: 0,
    });
  });
});

describe('events for rejected queries', () => {
  it('reports FORMERR and BADVERS with their reason and rcode', async () => {
    const { proxy, events } = proxyWith(allow);
    await proxy.handle(Buffer.concat([queryPacket('a.com', 'A'), Buffer.from([0])]));
    const v1 = queryPacket('a.com', 'A', { edns: true });
    v1.writeUInt8(1, v1.length - 5);
    await proxy.handle(v1);
    expect(events.map((e) => [e.decision, e.rcode])).toEqual([
      ['none', 'FORMERR'],
      ['none', 'BADVERS'],
    ]);
    expect(events[0]?.reason).toContain('trailing');
  });
});
