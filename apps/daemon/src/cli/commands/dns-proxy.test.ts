import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDnsProxy, type DnsProxy } from '@agentsh/dns-proxy';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsProxyCliHandle, parseListen, registerDnsProxyCommand } from './dns-proxy';

const POLICY = `version: 1
name: dns-cli-test
dns_redirects:
  - name: api-to-loopback
    match: "^api\\\\.internal\\\\.test$"
    resolve_to: 127.0.0.9
network_rules:
  - name: deny-evil
    domains: ["evil.test", "*.evil.test"]
    decision: deny
  - name: allow-https
    ports: [443]
    decision: allow
`;

let dir = '';
let upstream: DnsProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agentsh-dns-cli-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  // The upstream is itself a proxy answering every A query with 127.0.0.7; it never forwards.
  upstream = createDnsProxy({
    session: 'upstream',
    decide: () => ({ action: 'redirect', address: '127.0.0.7' }),
    upstreams: ['127.0.0.1:9'],
  });
  await upstream.listen();
});

afterAll(async () => {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A one-question A query, built by hand (the daemon does not depend on dns-packet). */
function query(name: string, id: number): Buffer {
  const labels = name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
  const header = Buffer.from([id >> 8, id & 0xff, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, ...labels, Buffer.from([0, 0, 1, 0, 1])]);
}

function ask(port: number, name: string): Promise<{ rcode: number; address: string | undefined }> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply')), 2000);
    socket.once('message', (reply) => {
      clearTimeout(timer);
      socket.close();
      const answers = reply.readUInt16BE(6);
      const address = answers > 0 ? [...reply.subarray(reply.length - 4)].join('.') : undefined;
      resolve({ rcode: reply.readUInt16BE(2) & 0xf, address });
    });
    socket.send(query(name, 77), port, '127.0.0.1');
  });
}

async function start(args: string[]): Promise<{ handle: DnsProxyCliHandle | undefined; err: string }> {
  let handle: DnsProxyCliHandle | undefined;
  let err = '';
  const program = new Command('agentsh').exitOverride();
  registerDnsProxyCommand(program, {
    out: () => undefined,
    err: (t) => (err += t),
    started: (h) => (handle = h),
    handleSignals: false,
  });
  await program.parseAsync(['node', 'agentsh', 'dns-proxy', ...args]);
  return { handle, err };
}

describe('agentsh dns-proxy', () => {
  it('answers with the policy: redirect, deny by network rule, allow forwarded upstream; writes events', async () => {
    const events = join(dir, 'events.jsonl');
    const upstreamPort = upstream.addresses[0]?.port ?? 0;
    const { handle, err } = await start([
      '--policy',
      join(dir, 'policy.yaml'),
      '--listen',
      '127.0.0.1:0',
      '--upstream',
      `127.0.0.1:${upstreamPort}`,
      '--events',
      events,
    ]);
    expect(err).toContain('dns-proxy listening on 127.0.0.1:');
    const port = handle?.addresses[0]?.port ?? 0;
    expect(await ask(port, 'api.internal.test')).toEqual({ rcode: 0, address: '127.0.0.9' });
    expect(await ask(port, 'www.evil.test')).toEqual({ rcode: 3, address: undefined });
    expect(await ask(port, 'github.com')).toEqual({ rcode: 0, address: '127.0.0.7' });
    await handle?.close();
    const lines = readFileSync(events, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.name, l.decision, l.rule])).toEqual([
      ['api.internal.test', 'redirect', 'api-to-loopback'],
      ['www.evil.test', 'deny', 'deny-evil'],
      ['github.com', 'allow', 'allow-https'],
    ]);
  });

  it('reports a missing policy file without starting', async () => {
    process.exitCode = 0;
    const { handle, err } = await start([
      '--policy',
      join(dir, 'missing.yaml'),
      '--listen',
      '127.0.0.1:0',
      '--upstream',
      '127.0.0.1:9',
    ]);
    expect(handle).toBeUndefined();
    expect(err).toMatch(/^dns-proxy: /);
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
  });

  it('parses listen addresses', () => {
    expect(parseListen('[::1]:53')).toEqual({ host: '::1', port: 53 });
    expect(() => parseListen('localhost:53')).toThrow(/--listen localhost:53/);
  });
});
