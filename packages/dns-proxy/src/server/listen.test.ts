import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReply, framed, queryPacket, tcpExchange, udpExchange } from '../../test/client';
import { type FakeUpstream, startFakeUpstream } from '../../test/fake-upstream';
import { hasIPv6Loopback } from '../../test/ipv6';
import { createDnsProxy, type DnsProxy } from '../proxy';

let upstream: FakeUpstream;
let proxy: DnsProxy;

beforeAll(async () => {
  upstream = await startFakeUpstream({
    zone: {
      'a.test/A': [{ name: 'a.test', type: 'A', ttl: 60, data: '127.0.0.1' }],
      'b.test/A': [{ name: 'b.test', type: 'A', ttl: 60, data: '127.0.0.2' }],
      'big.test/A': Array.from({ length: 60 }, (_, i) => ({
        name: 'big.test',
        type: 'A' as const,
        ttl: 60,
        data: `127.0.2.${i}`,
      })),
    },
  });
  proxy = createDnsProxy({
    session: 'listen',
    decide: ({ name }) => (name === 'blocked.test' ? { action: 'deny' } : { action: 'allow' }),
    upstreams: [upstream.address],
    listen: [{ host: '127.0.0.1' }, { host: '::1', optional: !hasIPv6Loopback }],
    tcp: { idleTimeoutMs: 600, maxConnections: 2 },
  });
  await proxy.listen();
});

afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

function at(i: number) {
  const address = proxy.addresses[i];
  if (address === undefined) throw new Error('not listening');
  return address;
}

describe('listeners', () => {
  it('listens on 127.0.0.1 and (where IPv6 works) ::1 over UDP', async () => {
    const hosts = hasIPv6Loopback ? ['127.0.0.1', '::1'] : ['127.0.0.1'];
    expect(proxy.addresses.map((a) => a.host)).toEqual(hosts);
    for (const i of hosts.keys()) {
      const reply = decodeReply(await udpExchange(at(i).host, at(i).port, queryPacket('a.test', 'A')));
      expect(reply.answers?.[0]).toMatchObject({ data: '127.0.0.1' });
    }
  });

  it('answers several queries on one TCP connection, whole or split across writes', async () => {
    const q1 = framed(queryPacket('a.test', 'A', { id: 1 }));
    const q2 = framed(queryPacket('b.test', 'A', { id: 2 }));
    const q3 = framed(queryPacket('blocked.test', 'A', { id: 3 }));
    const stream = Buffer.concat([q1, q2, q3]);
    const parts = [stream.subarray(0, 1), stream.subarray(1, 20), stream.subarray(20)];
    const replies = await tcpExchange(at(0).host, at(0).port, parts, 3);
    const byId = new Map(replies.map((r) => [decodeReply(r).id, decodeReply(r)]));
    expect(byId.get(1)?.answers?.[0]).toMatchObject({ data: '127.0.0.1' });
    expect(byId.get(2)?.answers?.[0]).toMatchObject({ data: '127.0.0.2' });
    expect(byId.get(3)?.rcode).toBe('NXDOMAIN');
  });

  it('sets TC over UDP when the answer exceeds 512 bytes without EDNS, and answers in full over TCP', async () => {
    const udp = decodeReply(await udpExchange(at(0).host, at(0).port, queryPacket('big.test', 'A')));
    expect(udp.flag_tc).toBe(true);
    expect(udp.answers).toHaveLength(0);
    const last = at(proxy.addresses.length - 1);
    const [tcp] = await tcpExchange(last.host, last.port, [framed(queryPacket('big.test', 'A'))], 1);
    expect(decodeReply(tcp as Buffer).answers).toHaveLength(60);
  });

  it('closes a TCP connection idle past the timeout', async () => {
    const closedAfter = await new Promise<number>((resolve) => {
      const started = Date.now();
      const socket = connect({ host: at(0).host, port: at(0).port });
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', () => undefined);
    });
    expect(closedAfter).toBeGreaterThanOrEqual(500);
    expect(closedAfter).toBeLessThan(5000);
  });

  it('refuses TCP connections beyond maxConnections', async () => {
    const open = [0, 1].map(() => connect({ host: at(0).host, port: at(0).port }));
    await Promise.all(open.map((s) => new Promise((r) => s.on('connect', r))));
    const third = connect({ host: at(0).host, port: at(0).port });
    const gotReply = await new Promise<boolean>((resolve) => {
      third.on('connect', () => third.write(framed(queryPacket('a.test', 'A'))));
      third.on('data', () => resolve(true));
      third.on('close', () => resolve(false));
      third.on('error', () => resolve(false));
    });
    expect(gotReply).toBe(false);
    for (const s of open) s.destroy();
  });

  it('drops nothing valid and answers garbage with FORMERR over UDP', async () => {
    const garbage = Buffer.concat([queryPacket('a.test', 'A'), Buffer.from([0xde, 0xad])]);
    const reply = decodeReply(await udpExchange(at(0).host, at(0).port, garbage));
    expect(reply.rcode).toBe('FORMERR');
  });
});

describe('lifecycle', () => {
  it('creates, listens on an OS-chosen port and closes cleanly, many times', async () => {
    for (let i = 0; i < 5; i++) {
      const p = createDnsProxy({
        session: `s${i}`,
        decide: () => ({ action: 'deny' }),
        upstreams: [upstream.address],
      });
      const [address] = await p.listen();
      expect(address?.port).toBeGreaterThan(0);
      const reply = decodeReply(
        await udpExchange('127.0.0.1', address?.port ?? 0, queryPacket('x.test', 'A')),
      );
      expect(reply.rcode).toBe('NXDOMAIN');
      await p.close();
      expect(p.addresses).toHaveLength(0);
    }
  });
});

describe('listen addresses', () => {
  it('skips an optional address that cannot be bound and fails on a required one', async () => {
    const base = { session: 'l', decide: () => ({ action: 'deny' as const }), upstreams: [upstream.address] };
    const lenient = createDnsProxy({
      ...base,
      listen: [{ host: '127.0.0.1' }, { host: '192.0.2.1', optional: true }],
    });
    expect((await lenient.listen()).map((a) => a.host)).toEqual(['127.0.0.1']);
    await lenient.close();
    const strict = createDnsProxy({ ...base, listen: [{ host: '127.0.0.1' }, { host: '192.0.2.1' }] });
    await expect(strict.listen()).rejects.toMatchObject({ code: 'DNS_BIND' });
    expect(strict.addresses).toHaveLength(0);
  });
});

describe('TCP robustness', () => {
  it('keeps serving after connections that send random bytes', async () => {
    for (let i = 0; i < 20; i++) {
      const socket = connect({ host: at(0).host, port: at(0).port });
      await new Promise<void>((resolve) => {
        socket.on('connect', () => {
          const junk = Buffer.alloc(50 + i * 37);
          for (let j = 0; j < junk.length; j++) junk[j] = (j * 131 + i * 17) & 0xff;
          socket.end(junk);
        });
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
        socket.on('data', () => undefined);
      });
    }
    const [reply] = await tcpExchange(at(0).host, at(0).port, [framed(queryPacket('a.test', 'A'))], 1);
    expect(decodeReply(reply as Buffer).answers?.[0]).toMatchObject({ data: '127.0.0.1' });
  });
});

describe('closing with queries in flight', () => {
  it('does not crash when answers arrive after close()', async () => {
    const slow = await startFakeUpstream({ zone: {}, silent: ['slow.test'] });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const p = createDnsProxy({
      session: 'c',
      decide: () => ({ action: 'allow' }),
      upstreams: [slow.address],
      upstreamTimeoutMs: 2000,
    });
    const [address] = await p.listen();
    const { createSocket } = await import('node:dgram');
    const client = createSocket('udp4');
    client.send(queryPacket('slow.test', 'A'), address?.port ?? 0, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 50));
    await p.close();
    await new Promise((r) => setTimeout(r, 100));
    process.off('unhandledRejection', onRejection);
    client.close();
    await slow.close();
    expect(rejections).toEqual([]);
  });
});
