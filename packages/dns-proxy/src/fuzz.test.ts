import { createSocket, type Socket } from 'node:dgram';
import * as dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPacket } from '../test/client';
import { type FakeUpstream, startFakeUpstream } from '../test/fake-upstream';
import { createDnsProxy, type DnsProxy } from './proxy';
import type { Decision } from './types';
import { parseMessage } from './wire/reader';

const ALLOWED_RCODES = new Set([0, 1, 2, 3, 4, 5]);
let upstream: FakeUpstream;
let chaos: Socket;
let chaosAddress: string;
let mutate: (reply: Buffer) => Buffer = (reply) => reply;

function decide({ name }: { name: string }): Decision {
  if (name.includes('x')) return { action: 'deny' };
  if (name.includes('r')) return { action: 'redirect', address: '127.0.0.2' };
  return { action: 'allow' };
}

beforeAll(async () => {
  upstream = await startFakeUpstream({
    zone: { 'a.test/A': [{ name: 'a.test', type: 'A', ttl: 60, data: '127.0.0.1' }] },
  });
  chaos = createSocket('udp4');
  await new Promise<void>((r) => chaos.bind(0, '127.0.0.1', r));
  chaosAddress = `127.0.0.1:${chaos.address().port}`;
  chaos.on('message', (message, remote) => {
    const decoded = dnsPacket.decode(message);
    const reply = dnsPacket.encode({
      id: decoded.id,
      type: 'response',
      questions: decoded.questions,
      answers: [
        { name: decoded.questions?.[0]?.name ?? 'a', type: 'CNAME', ttl: 5, data: 'b.test' },
        { name: 'b.test', type: 'A', ttl: 5, data: '127.0.0.3' },
      ],
    });
    chaos.send(mutate(reply), remote.port, remote.address);
  });
});

afterAll(async () => {
  await upstream.close();
  chaos.close();
});

function proxyTo(address: string, cache = true, timeoutMs = 30): DnsProxy {
  return createDnsProxy({
    session: 'fuzz',
    decide,
    upstreams: [address],
    upstreamTimeoutMs: timeoutMs,
    upstreamAttempts: 1,
    cache: cache ? { maxEntries: 64 } : false,
  });
}

/** A response is either absent (dropped) or a well-formed reply to the same id with a known rcode. */
const seen = new Map<string, number>();

function checkResponse(query: Uint8Array, response: Buffer | null): void {
  const rcode = response === null ? 'dropped' : String((response[3] as number) & 0xf);
  seen.set(rcode, (seen.get(rcode) ?? 0) + 1);
  if (response === null) return;
  const parsed = parseMessage(response);
  expect(parsed.ok).toBe(true);
  expect(response.readUInt16BE(0)).toBe(Buffer.from(query).readUInt16BE(0));
  expect(response[2] as number).toBeGreaterThanOrEqual(0x80);
  expect(ALLOWED_RCODES.has((response[3] as number) & 0xf)).toBe(true);
}

const names = fc
  .array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 4 })
  .map((l) => l.join('.'));
const types = fc.constantFrom('A', 'AAAA', 'TXT', 'MX', 'ANY', 'CNAME', 'UNKNOWN_65', 'UNKNOWN_64', 'SOA');
const validQuery = fc
  .tuple(names, types, fc.boolean(), fc.integer({ min: 0, max: 0xffff }))
  .map(([name, type, edns, id]) => queryPacket(name, type, { edns, id }));
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('pointer' as const), at: fc.nat(), target: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function applyAll(buf: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(buf);
  for (const m of mutations) {
    if (out.length === 0) break;
    if (m.kind === 'flip') out[m.at % out.length] = m.value;
    else if (m.kind === 'cut') out = out.subarray(0, m.at % (out.length + 1));
    else if (m.kind === 'append') out = Buffer.concat([out, m.bytes]);
    else if (out.length > 1) out.writeUInt16BE(0xc000 | (m.target % 0x3fff), m.at % (out.length - 1));
  }
  return out;
}

describe('fuzz: the proxy never throws and answers with a well-formed reply or drops', () => {
  it('survives random bytes', async () => {
    seen.clear();
    const proxy = proxyTo(upstream.address);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom<'udp' | 'tcp'>('udp', 'tcp'),
        async (bytes, transport) => {
          checkResponse(bytes, await proxy.handle(Buffer.from(bytes), transport));
        },
      ),
      { numRuns: 400 },
    );
    expect(seen.get('dropped')).toBeGreaterThan(0);
    expect(upstream.undecodable()).toBe(0);
    await proxy.close();
  });

  it('survives mutated valid queries', async () => {
    seen.clear();
    const proxy = proxyTo(upstream.address);
    await fc.assert(
      fc.asyncProperty(
        validQuery,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (query, mutations) => {
          const packet = applyAll(query, mutations);
          if (packet.length < 2) return;
          checkResponse(packet, await proxy.handle(packet));
        },
      ),
      { numRuns: 400 },
    );
    expect(seen.get('1')).toBeGreaterThan(0);
    expect(upstream.undecodable()).toBe(0);
    expect(seen.get('0')).toBeGreaterThan(0);
    await proxy.close();
  });

  it('survives mutated upstream replies (answers SERVFAIL or passes a well-formed reply on)', async () => {
    seen.clear();
    const proxy = proxyTo(chaosAddress, false, 150);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { maxLength: 3 }), async (mutations) => {
        mutate = (reply) => {
          const out = applyAll(reply, mutations);
          if (out.length >= 2) out.writeUInt16BE(reply.readUInt16BE(0), 0);
          return out;
        };
        const query = queryPacket('fuzz.test', 'A', { id: 99 });
        checkResponse(query, await proxy.handle(query));
      }),
      { numRuns: 100 },
    );
    expect(seen.get('2')).toBeGreaterThan(0);
    expect(seen.get('0')).toBeGreaterThan(0);
    await proxy.close();
  });
});
