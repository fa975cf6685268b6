import { createSocket } from 'node:dgram';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkEvent, TraceEvent, UnixSocketEvent } from '../../src/events';
import type { ApprovalHandler } from '../../src/session';
import type { NameMapping, TracedProcess } from '../../src/spawn';
import { spawnTraced } from '../../src/spawn';
import type { NetworkRule, PolicyTable } from '../../src/table';
import { table } from '../tables';

export const netconn = process.env.AT_NETCONN_BIN ?? '';
export const netRace = process.env.AT_NET_RACE_BIN ?? '';
export const netconnStatic = process.env.AT_NETCONN_STATIC_BIN ?? '';
const DNS = { host: '127.0.0.1', port: 5353 };
/** What the stand-in proxy answers (A records). */
const zone: Record<string, string> = { 'allowed.test': '127.0.0.2', 'denied.test': '127.0.0.3' };

function net(name: string, decision: 'allow' | 'deny' | 'approve', sel: Partial<NetworkRule>): NetworkRule {
  return { name, decision, effective: decision, domains: [], ports: [], cidrs: [], ...sel };
}

export const policy: PolicyTable = table({
  stop: { exec: true, file: true, readOnlyOpen: false, network: true, unixSocket: false, signal: true },
  network: [
    net('deny-private', 'deny', { cidrs: ['10.0.0.0/8', '169.254.0.0/16'] }),
    net('allow-allowed-test', 'allow', { domains: ['allowed.test', '*.allowed.test'], ports: [8080] }),
    net('allow-cidr-4', 'allow', { cidrs: ['127.0.0.4/32'] }),
    net('allow-cidr-5', 'allow', { cidrs: ['127.0.0.5/32'] }),
  ],
  // nothing listens on 127.0.0.5: a connect there only succeeds when redirected to .4
  connectRedirects: [
    { name: 'five-to-four', pattern: '^127\\.0\\.0\\.5:8080$', redirectTo: '127.0.0.4:8080' },
  ],
});

export const sockDir = mkdtempSync(join(tmpdir(), 'at-unix-'));
export const unixPolicy: PolicyTable = table({
  stop: { exec: true, file: true, readOnlyOpen: false, network: false, unixSocket: true, signal: true },
  unixSocket: [
    { name: 'ok-sockets', decision: 'allow', effective: 'allow', paths: [`${sockDir}/ok*.sock`], ops: '*' },
    { name: 'abstract-ok', decision: 'allow', effective: 'allow', paths: ['@at-test-*'], ops: ['connect'] },
    {
      name: 'bind-only',
      decision: 'allow',
      effective: 'allow',
      paths: [`${sockDir}/bindonly*.sock`],
      ops: ['bind'],
    },
  ],
});

// .4 and .3 need an approval; the handler grants .4 only
export const approvePolicy: PolicyTable = {
  ...policy,
  network: [
    { ...net('ask-4-and-3', 'approve', { cidrs: ['127.0.0.4/32', '127.0.0.3/32'] }) },
    ...policy.network,
  ],
};
export const grantFour: ApprovalHandler = (req) =>
  req.event.type === 'network' && req.event.address === '127.0.0.4';

let current: TracedProcess | undefined;

function dnsAnswer(q: Buffer): { reply: Buffer; name: string; ip?: string } {
  let off = 12;
  const labels: string[] = [];
  while (off < q.length && q[off] !== 0) {
    const l = q[off] ?? 0;
    labels.push(q.subarray(off + 1, off + 1 + l).toString('latin1'));
    off += 1 + l;
  }
  const qEnd = off + 5;
  const name = labels.join('.').toLowerCase();
  const ip = zone[name];
  const head = Buffer.from(q.subarray(0, qEnd));
  head.writeUInt16BE(ip ? 0x8180 : 0x8183, 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(ip ? 1 : 0, 6);
  head.writeUInt32BE(0, 8);
  if (!ip) return { reply: head, name };
  const rr = Buffer.alloc(16);
  rr.writeUInt16BE(0xc00c, 0);
  rr.writeUInt16BE(1, 2);
  rr.writeUInt16BE(1, 4);
  rr.writeUInt32BE(30, 6);
  rr.writeUInt16BE(4, 10);
  ip.split('.').forEach((b, i) => {
    rr[12 + i] = Number(b);
  });
  return { reply: Buffer.concat([head, rr]), name, ip };
}

export const queries: string[] = [];

async function resolveFor(q: Buffer): Promise<Buffer> {
  const a = dnsAnswer(q);
  queries.push(a.name);
  if (a.ip && current) await current.addNames([{ address: a.ip, names: [a.name], ttl: 30 }]);
  return a.reply;
}

export async function startServers(): Promise<Server[]> {
  const servers: Server[] = [];
  for (const host of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
    const s = createServer((c) => {
      c.on('error', () => {});
      c.end('HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n');
    });
    await new Promise<void>((res) => s.listen(8080, host, res));
    servers.push(s);
  }
  for (const p of [join(sockDir, 'ok1.sock'), join(sockDir, 'no.sock')]) {
    const s = createServer((c) => c.end());
    await new Promise<void>((res) => s.listen(p, res));
    servers.push(s);
  }
  symlinkSync(join(sockDir, 'no.sock'), join(sockDir, 'okalias.sock'));
  const udp = createSocket('udp4');
  udp.on('message', (msg, rinfo) => {
    void resolveFor(msg).then((r) => udp.send(r, rinfo.port, rinfo.address));
  });
  await new Promise<void>((res) => udp.bind(DNS.port, DNS.host, res));
  const tcp = createServer((c) => {
    let buf = Buffer.alloc(0);
    c.on('error', () => {});
    c.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        void resolveFor(buf.subarray(2, 2 + buf.readUInt16BE(0))).then((r) => {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(r.length);
          c.end(Buffer.concat([len, r]));
        });
      }
    });
  });
  await new Promise<void>((res) => tcp.listen(DNS.port, DNS.host, res));
  servers.push(tcp);
  return servers;
}

export interface Run {
  stdout: string;
  events: NetworkEvent[];
  unix?: UnixSocketEvent[];
}

export async function run(
  argv: string[],
  t: PolicyTable = policy,
  onApproval?: ApprovalHandler,
  names?: NameMapping[],
): Promise<Run> {
  const proc = await spawnTraced({
    argv,
    table: t,
    dns: DNS,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(onApproval ? { onApproval } : {}),
    ...(names ? { names } : {}),
  });
  current = proc;
  const events: TraceEvent[] = [];
  let stdout = '';
  proc.stdout?.setEncoding('utf8');
  proc.stdout?.on('data', (d: string) => {
    stdout += d;
  });
  proc.stderr?.resume();
  for await (const e of proc.events) events.push(e);
  await proc.exited;
  current = undefined;
  const unix = events.filter((e): e is UnixSocketEvent => e.type === 'unix_socket');
  return {
    stdout: stdout.trim(),
    events: events.filter((e): e is NetworkEvent => e.type === 'network'),
    unix,
  };
}

export const py = (code: string) => ['/usr/bin/python3', '-c', code];
export const pyConnect = (fam: string, host: string) =>
  py(
    `import socket,errno\ns=socket.socket(socket.${fam})\ntry:\n s.connect(('${host}',8080)); print('ok')\nexcept OSError as e: print('err='+errno.errorcode.get(e.errno,'?'))`,
  );
export const last = (r: Run) => r.events[r.events.length - 1];

export type Case = () => Promise<[boolean, unknown]>;
