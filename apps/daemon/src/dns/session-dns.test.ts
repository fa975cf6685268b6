import { createEngine, parsePolicy } from '@agentsh/policy';
import { afterEach, describe, expect, it } from 'vitest';
import type { DaemonEvent } from '../server/context';
import { startSessionDns } from './session-dns';

const POLICY = `version: 1
name: dns
dns_redirects:
  - name: redirect-test
    match: "redirectme\\\\.example\\\\.com"
    resolve_to: 127.0.0.1
network_rules:
  - name: block-evil
    domains: [evil.com, "*.evil.com"]
    decision: deny
  - name: approve-https
    ports: [443]
    decision: approve
`;

/** A DNS query for an A record, built by hand (id 0x1234, RD). */
function query(name: string): Buffer {
  const labels = name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
  return Buffer.concat([
    Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]),
    ...labels,
    Buffer.from([0, 0, 1, 0, 1]),
  ]);
}

function engine() {
  const parsed = parsePolicy(POLICY);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return createEngine(parsed.policy, { approvalsEnforced: true });
}

const proxies: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

describe('session DNS proxy', () => {
  it('answers denied names with NXDOMAIN and redirects with the configured address, emitting agentsh events', async () => {
    const events: Omit<DaemonEvent, 'id' | 'timestamp'>[] = [];
    const proxy = await startSessionDns({
      sessionId: 's1',
      engine: engine(),
      upstreams: ['127.0.0.1:9'],
      emit: (e) => events.push(e),
    });
    proxies.push(proxy);
    expect(proxy.addresses[0]?.host).toBe('127.0.0.1');
    const denied = (await proxy.handle(query('sub.evil.com'))) as Buffer;
    expect(denied.readUInt16BE(0)).toBe(0x1234);
    expect((denied[3] as number) & 0x0f).toBe(3);
    const redirected = (await proxy.handle(query('redirectme.example.com'))) as Buffer;
    expect((redirected[3] as number) & 0x0f).toBe(0);
    expect([...redirected.subarray(-4)]).toEqual([127, 0, 0, 1]);
    expect(events.map((e) => [e.type, e.domain, e.policy?.rule])).toEqual([
      ['dns_query', 'sub.evil.com', 'block-evil'],
      ['dns_redirect', 'redirectme.example.com', 'redirect-test'],
    ]);
    expect(events[0]?.fields?.blocked).toBe(true);
  });

  it('lets an approve rule resolve (the connect is what waits for approval)', async () => {
    const proxy = await startSessionDns({
      sessionId: 's2',
      engine: engine(),
      upstreams: ['127.0.0.1:9'],
      emit: () => {},
    });
    proxies.push(proxy);
    const answer = (await proxy.handle(query('example.org'))) as Buffer;
    expect((answer[3] as number) & 0x0f).not.toBe(3);
  });
});
