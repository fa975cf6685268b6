import type * as dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReply, queryPacket } from '../test/client';
import { type FakeUpstream, startFakeUpstream } from '../test/fake-upstream';
import { createDnsProxy, type DnsProxyOptions } from './proxy';
import type { AnswerMapping, DnsEvent } from './types';

let upstream: FakeUpstream;

function https(name: string, v4: number[], v6: number[], target: string[] = []): dnsPacket.Answer {
  const params = [0, 4, 0, v4.length, ...v4, ...(v6.length > 0 ? [0, 6, 0, v6.length, ...v6] : [])];
  const targetName = [...target.flatMap((label) => [label.length, ...Buffer.from(label)]), 0];
  const data = Buffer.from([0, 1, ...targetName, ...params]);
  return { name, type: 'UNKNOWN_65', ttl: 120, data } as unknown as dnsPacket.Answer;
}

beforeAll(async () => {
  const v6 = [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 5];
  upstream = await startFakeUpstream({
    zone: {
      'svc.test/UNKNOWN_65': [https('svc.test', [127, 0, 0, 8], v6)],
      'aliased.test/UNKNOWN_65': [https('aliased.test', [127, 0, 0, 9], [], ['cdn', 'evil', 'test'])],
      'public.test/A': [{ name: 'public.test', type: 'A', ttl: 60, data: '127.0.0.1' }],
      'public.test/UNKNOWN_65': [https('public.test', [10, 0, 0, 1], [])],
      'dev.internal.test/A': [{ name: 'dev.internal.test', type: 'A', ttl: 60, data: '192.168.1.5' }],
      'world.test/A': [{ name: 'world.test', type: 'A', ttl: 60, data: '93.184.216.34' }],
    },
  });
});

afterAll(async () => {
  await upstream.close();
});

function setup(extra: Partial<DnsProxyOptions> = {}) {
  const events: DnsEvent[] = [];
  const mappings: AnswerMapping[] = [];
  const proxy = createDnsProxy({
    session: 's',
    decide: () => ({ action: 'allow' }),
    upstreams: [upstream.address],
    onEvent: (e) => events.push(e),
    onAnswer: (m) => {
      mappings.push(m);
    },
    ...extra,
  });
  const ask = async (name: string, type = 'A') =>
    decodeReply((await proxy.handle(queryPacket(name, type))) as Buffer);
  return { proxy, events, mappings, ask };
}

describe('HTTPS/SVCB answers', () => {
  it('treats ipv4hint and ipv6hint like A/AAAA for the IP map and events', async () => {
    const { proxy, mappings, events, ask } = setup();
    const reply = await ask('svc.test', 'UNKNOWN_65');
    expect(reply.answers).toHaveLength(1);
    expect(mappings[0]?.addresses.map((a) => a.address)).toEqual(['127.0.0.8', '2001:db8::5']);
    expect(proxy.ipMap.lookup('2001:db8::5')).toEqual(['svc.test']);
    expect(events[0]).toMatchObject({
      type: 'HTTPS',
      answers: [{ type: 'HTTPS', data: '127.0.0.8,2001:db8::5' }],
    });
  });
});

describe('HTTPS/SVCB TargetName', () => {
  it('denies the answer when the TargetName is a denied name', async () => {
    const decide = ({ name }: { name: string }) =>
      name.endsWith('evil.test') ? { action: 'deny' as const, rule: 'evil' } : { action: 'allow' as const };
    const { ask, events } = setup({ decide });
    expect((await ask('aliased.test', 'UNKNOWN_65')).rcode).toBe('NXDOMAIN');
    expect(events[0]).toMatchObject({ decision: 'deny', rule: 'evil' });
    expect(events[0]?.reason).toContain('cdn.evil.test');
    const { ask: askAllowed } = setup();
    expect((await askAllowed('aliased.test', 'UNKNOWN_65')).rcode).toBe('NOERROR');
  });
});

describe('rebinding protection', () => {
  it('is off by default', async () => {
    const { ask } = setup();
    expect((await ask('public.test')).answers).toHaveLength(1);
  });

  it('drops private and loopback answers, hints included, for names outside the allowlist', async () => {
    const { ask, events, proxy } = setup({ rebinding: { enabled: true, allowNames: ['internal.test'] } });
    const a = await ask('public.test');
    expect(a.rcode).toBe('NOERROR');
    expect(a.answers).toHaveLength(0);
    expect(events[0]).toMatchObject({ decision: 'deny', rule: 'rebinding' });
    expect((await ask('public.test', 'UNKNOWN_65')).answers).toHaveLength(0);
    expect((await ask('dev.internal.test')).answers?.[0]).toMatchObject({ data: '192.168.1.5' });
    expect((await ask('world.test')).answers?.[0]).toMatchObject({ data: '93.184.216.34' });
    expect(proxy.ipMap.lookup('127.0.0.1')).toEqual([]);
  });
});

describe('upstream failure', () => {
  it('answers SERVFAIL when no upstream answers in time', async () => {
    const silent = await startFakeUpstream({ zone: {}, silent: ['a.test'] });
    const { ask, events } = setup({
      upstreams: [silent.address],
      upstreamTimeoutMs: 50,
      upstreamAttempts: 1,
    });
    expect((await ask('a.test')).rcode).toBe('SERVFAIL');
    expect(events[0]).toMatchObject({ decision: 'allow', rcode: 'SERVFAIL', reason: 'no upstream answered' });
    await silent.close();
  });
});

describe('upstream replies that make no sense for a query', () => {
  it('answers SERVFAIL instead of passing on an odd opcode or rcode', async () => {
    const { createSocket } = await import('node:dgram');
    const odd = createSocket('udp4');
    await new Promise<void>((r) => odd.bind(0, '127.0.0.1', r));
    odd.on('message', (message, remote) => {
      const reply = Buffer.from(message);
      reply.writeUInt16BE(0x8000 | 0x0100 | 6, 2);
      odd.send(reply, remote.port, remote.address);
    });
    const { ask, events } = setup({ upstreams: [`127.0.0.1:${odd.address().port}`], upstreamAttempts: 1 });
    expect((await ask('a.test')).rcode).toBe('SERVFAIL');
    expect(events[0]?.reason).toBe('upstream reply unusable (malformed, or odd opcode or rcode)');
    odd.close();
  });
});
