import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReply, queryPacket } from '../../test/client';
import { type FakeUpstream, startFakeUpstream } from '../../test/fake-upstream';
import { isDnsProxyError } from '../errors';
import { parseUpstream } from './address';
import { Forwarder } from './forwarder';
import { UdpClient } from './udp-client';

let good: FakeUpstream;
let bad: FakeUpstream;
const big = Array.from({ length: 40 }, (_, i) => ({
  name: 'big.test',
  type: 'A' as const,
  ttl: 60,
  data: `127.0.1.${i}`,
}));

beforeAll(async () => {
  good = await startFakeUpstream({
    zone: { 'a.test/A': [{ name: 'a.test', type: 'A', ttl: 60, data: '127.0.0.1' }], 'big.test/A': big },
    truncateUdp: ['big.test'],
    silent: ['slow.test'],
  });
  bad = await startFakeUpstream({ zone: {}, servfail: ['a.test'], silent: ['slow.test'] });
});

afterAll(async () => {
  await good.close();
  await bad.close();
});

const question = (name: string) => ({ name, type: 1, klass: 1 });

function forwarder(timeoutMs = 1500) {
  const udp = new UdpClient();
  return { udp, forwarder: new Forwarder({ udp, timeoutMs, attempts: 2 }) };
}

describe('Forwarder', () => {
  it('sends a fresh random id and source port and accepts only the matching reply', async () => {
    const { udp, forwarder: f } = forwarder();
    const upstreams = [parseUpstream(good.address)];
    const packet = queryPacket('a.test', 'A', { id: 1 });
    const before = good.queries.length;
    for (let i = 0; i < 4; i++) await f.forward({ packet, question: question('a.test'), upstreams });
    const sent = good.queries.slice(before);
    expect(new Set(sent.map((q) => q.id)).size).toBeGreaterThan(1);
    expect(sent.every((q) => q.id !== 1 || sent.length === 1)).toBe(true);
    udp.close();
  });

  it('retries over TCP when the UDP reply is truncated', async () => {
    const { udp, forwarder: f } = forwarder();
    const { reply } = await f.forward({
      packet: queryPacket('big.test', 'A'),
      question: question('big.test'),
      upstreams: [parseUpstream(good.address)],
    });
    expect(decodeReply(reply).answers).toHaveLength(40);
    expect(good.queries.filter((q) => q.name === 'big.test').map((q) => q.transport)).toEqual(['udp', 'tcp']);
    udp.close();
  });

  it('moves past a SERVFAIL upstream to the next one', async () => {
    const { udp, forwarder: f } = forwarder();
    const upstreams = [parseUpstream(bad.address), parseUpstream(good.address)];
    const { reply, upstream } = await f.forward({
      packet: queryPacket('a.test', 'A'),
      question: question('a.test'),
      upstreams,
    });
    expect(upstream.key).toBe(good.address);
    expect(decodeReply(reply).rcode).toBe('NOERROR');
    udp.close();
  });

  it('throws DNS_UPSTREAM after every upstream timed out on every round', async () => {
    const { udp, forwarder: f } = forwarder(80);
    const upstreams = [parseUpstream(good.address), parseUpstream(bad.address)];
    const before = good.queries.length;
    const error = await f
      .forward({ packet: queryPacket('slow.test', 'A'), question: question('slow.test'), upstreams })
      .catch((e: unknown) => e);
    expect(isDnsProxyError(error) && error.code).toBe('DNS_UPSTREAM');
    expect(good.queries.length - before).toBe(2);
    udp.close();
  });
});

describe('UdpClient', () => {
  it('ignores replies with a wrong id, from a wrong port or for another question', async () => {
    const spoofing = await startFakeUpstream({
      zone: { 'a.test/A': [{ name: 'a.test', type: 'A', ttl: 60, data: '127.0.0.7' }] },
      spoofFirst: true,
    });
    const udp = new UdpClient({ poolSize: 1 });
    const upstream = parseUpstream(spoofing.address);
    const reply = await udp.query({
      upstream,
      packet: queryPacket('a.test', 'A'),
      question: question('a.test'),
      timeoutMs: 2000,
    });
    expect(decodeReply(reply).answers?.[0]).toMatchObject({ data: '127.0.0.7' });
    const wrongQuestion = udp.query({
      upstream,
      packet: queryPacket('a.test', 'A'),
      question: question('b.test'),
      timeoutMs: 150,
    });
    await expect(wrongQuestion).rejects.toThrow(/no answer/);
    udp.close();
    await spoofing.close();
  });

  it('does not accept a reply with the right id sent from another port', async () => {
    const sockets: import('node:dgram').Socket[] = [];
    const udp = new UdpClient({
      poolSize: 1,
      socketFactory: (type) => {
        const socket = createSocket(type);
        sockets.push(socket);
        return socket;
      },
    });
    const listener = createSocket('udp4');
    await new Promise<void>((r) => listener.bind(0, '127.0.0.1', r));
    const intruder = createSocket('udp4');
    listener.on('message', (message, remote) => {
      const response = Buffer.from(message);
      response.writeUInt16BE(response.readUInt16BE(2) | 0x8000, 2);
      intruder.send(response, remote.port, remote.address);
    });
    const upstream = parseUpstream(`127.0.0.1:${listener.address().port}`);
    const pending = udp.query({
      upstream,
      packet: queryPacket('a.test', 'A'),
      question: question('a.test'),
      timeoutMs: 150,
    });
    await expect(pending).rejects.toThrow(/no answer/);
    expect(sockets).toHaveLength(1);
    udp.close();
    listener.close();
    intruder.close();
  });

  it('rotates to a new socket (new source port) after rotateAfter queries', async () => {
    const udp = new UdpClient({ poolSize: 1, rotateAfter: 2 });
    const upstream = parseUpstream(good.address);
    const before = good.queries.length;
    for (let i = 0; i < 4; i++) {
      await udp.query({
        upstream,
        packet: queryPacket('a.test', 'A'),
        question: question('a.test'),
        timeoutMs: 2000,
      });
    }
    const ports = good.queries.slice(before).map((q) => q.port);
    expect(ports[0]).toBe(ports[1]);
    expect(ports[2]).not.toBe(ports[1]);
    udp.close();
  });
});
