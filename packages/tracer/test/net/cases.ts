// Network cases, run as one node process inside a network namespace of its own: `unshare --net`
// natively, or `runsc --network=none do`. Never in the host namespace (docs: testing.md). The script
// brings lo up, starts TCP servers on 127.0.0.x and a stand-in for the session DNS proxy on
// 127.0.0.1:5353 (UDP and TCP) that teaches the traced process its answers before replying.
// Prints one JSON object: case name -> { ok, detail }.
import { execFileSync } from 'node:child_process';
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
import { bindCases } from './bind-cases';
import { recvCases } from './recv-cases';

const netconn = process.env.AT_NETCONN_BIN ?? '';
const netRace = process.env.AT_NET_RACE_BIN ?? '';
const netconnStatic = process.env.AT_NETCONN_STATIC_BIN ?? '';
const DNS = { host: '127.0.0.1', port: 5353 };
/** What the stand-in proxy answers (A records). */
const zone: Record<string, string> = { 'allowed.test': '127.0.0.2', 'denied.test': '127.0.0.3' };

function net(name: string, decision: 'allow' | 'deny' | 'approve', sel: Partial<NetworkRule>): NetworkRule {
  return { name, decision, effective: decision, domains: [], ports: [], cidrs: [], ...sel };
}

const policy: PolicyTable = table({
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

const sockDir = mkdtempSync(join(tmpdir(), 'at-unix-'));
const unixPolicy: PolicyTable = table({
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
const approvePolicy: PolicyTable = {
  ...policy,
  network: [
    { ...net('ask-4-and-3', 'approve', { cidrs: ['127.0.0.4/32', '127.0.0.3/32'] }) },
    ...policy.network,
  ],
};
const grantFour: ApprovalHandler = (req) => req.event.type === 'network' && req.event.address === '127.0.0.4';

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

const queries: string[] = [];

async function resolveFor(q: Buffer): Promise<Buffer> {
  const a = dnsAnswer(q);
  queries.push(a.name);
  if (a.ip && current) await current.addNames([{ address: a.ip, names: [a.name], ttl: 30 }]);
  return a.reply;
}

async function startServers(): Promise<Server[]> {
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

interface Run {
  stdout: string;
  events: NetworkEvent[];
  unix?: UnixSocketEvent[];
}

async function run(
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

const py = (code: string) => ['/usr/bin/python3', '-c', code];
const pyConnect = (fam: string, host: string) =>
  py(
    `import socket,errno\ns=socket.socket(socket.${fam})\ntry:\n s.connect(('${host}',8080)); print('ok')\nexcept OSError as e: print('err='+errno.errorcode.get(e.errno,'?'))`,
  );
const last = (r: Run) => r.events[r.events.length - 1];

type Case = () => Promise<[boolean, unknown]>;

const cases: Record<string, Case> = {
  cConnectByName: async () => {
    // resolution through the stand-in first, then a connect judged by name
    const dig = await run([netconn, 'dns', 'sendto', '8.8.8.8', 'allowed.test']);
    const r = await run([
      '/bin/sh',
      '-c',
      `${netconn} dns sendto 9.9.9.9 allowed.test && ${netconn} connect 127.0.0.2 8080`,
    ]);
    return [
      dig.stdout === '127.0.0.2' && r.stdout === '127.0.0.2\nok' && last(r)?.rule === 'allow-allowed-test',
      { dig, r },
    ];
  },
  staticCByName: async () => {
    // a statically linked program (no ld.so, no libc.so): its own DNS query, then connects by name
    const r = await run([
      '/bin/sh',
      '-c',
      `${netconnStatic} dns sendto 9.9.9.9 allowed.test && ${netconnStatic} connect 127.0.0.2 8080; ` +
        `${netconnStatic} dns sendto 9.9.9.9 denied.test && ${netconnStatic} connect 127.0.0.3 8080`,
    ]);
    const rules = r.events.filter((e) => e.port === 8080).map((e) => `${e.address}:${e.effective}:${e.rule}`);
    const want = ['127.0.0.2:allow:allow-allowed-test', '127.0.0.3:deny:default-deny-network'];
    return [
      r.stdout === '127.0.0.2\nok\n127.0.0.3\nerr=EACCES' && JSON.stringify(rules) === JSON.stringify(want),
      r,
    ];
  },
  cConnectDenied: async () => {
    const r = await run([netconn, 'connect', '127.0.0.3', '8080']);
    const e = last(r);
    return [r.stdout === 'err=EACCES' && e?.effective === 'deny' && e.rule === 'default-deny-network', r];
  },
  privateLiteral: async () => {
    const r = await run([netconn, 'connect', '10.1.2.3', '8080']);
    return [r.stdout === 'err=EACCES' && last(r)?.rule === 'deny-private', r];
  },
  metadataLiteral: async () => {
    const r = await run(pyConnect('AF_INET', '169.254.169.254'));
    return [r.stdout === 'err=EACCES' && last(r)?.rule === 'deny-private', r];
  },
  mappedV6Denied: async () => {
    const r = await run(pyConnect('AF_INET6', '::ffff:10.0.0.1'));
    const e = last(r);
    return [
      r.stdout === 'err=EACCES' &&
        e?.address === '10.0.0.1' &&
        e.family === 'inet6' &&
        e.rule === 'deny-private',
      r,
    ];
  },
  mappedV6ByCidr: async () => {
    const r = await run([netconn, 'connect', '::ffff:127.0.0.4', '8080']);
    return [r.stdout === 'ok' && last(r)?.rule === 'allow-cidr-4', r];
  },
  neverResolvedCidrOnly: async () => {
    // 127.0.0.4 never resolved: judged by CIDR alone; 127.0.0.2 unresolved in this run would be judged
    // by names learnt earlier in the process (the helper's map is per traced command), so use .3
    const r = await run([
      '/bin/sh',
      '-c',
      `${netconn} connect 127.0.0.4 8080; ${netconn} connect 127.0.0.3 8080`,
    ]);
    return [r.stdout === 'ok\nerr=EACCES', r];
  },
  pythonByName: async () => {
    const code = `import socket,errno\nfor h in ('allowed.test','denied.test'):\n try:\n  a=socket.gethostbyname(h); s=socket.create_connection((a,8080),timeout=3); print(h,'ok')\n except OSError as e: print(h,'err='+errno.errorcode.get(e.errno or 0,str(e)))`;
    const r = await run(py(code));
    return [r.stdout === 'allowed.test ok\ndenied.test err=EACCES', r];
  },
  curlByName: async () => {
    const r = await run([
      '/bin/sh',
      '-c',
      'curl -s -m 5 http://allowed.test:8080/; curl -s -m 5 http://denied.test:8080/; echo rc=$?',
    ]);
    return [r.stdout === 'ok\nrc=7', r];
  },
  nodeFetchByName: async () => {
    // node is multi-threaded (libuv pool runs getaddrinfo): the sockaddrs are pinned in the scratch area
    const code =
      "const get=(h)=>fetch('http://'+h+':8080/').then((r)=>r.text()).then((t)=>t.trim(),(e)=>'err='+(e.cause?.code??e.message));" +
      "(async()=>{console.log(await get('allowed.test'));console.log(await get('denied.test'));})()";
    const r = await run([process.execPath, '-e', code]);
    return [r.stdout === 'ok\nerr=EACCES' && r.events.some((e) => e.rule === 'allow-allowed-test'), r];
  },
  racingThreadCannotSwapTheAddress: async () => {
    // a thread flips the sockaddr between an allowed (.4) and a denied (.3) address during connects
    const r = await run([netRace, '127.0.0.4', '127.0.0.3', '8080', '300']);
    const m = /landed-denied=(\d+) ok=(\d+) refused=(\d+)/.exec(r.stdout);
    const [landed, ok, refused] = (m?.slice(1) ?? []).map(Number);
    return [landed === 0 && (ok ?? 0) > 0 && (ok ?? 0) + (refused ?? 0) === 300, r.stdout];
  },
  unixSocketRules: async () => {
    // paths resolved (a symlink to a denied socket is judged as its target), abstract names as '@name'
    // (nothing listens on the abstract names: libuv binds them with a padded length, so an allowed
    // connect ends in ECONNREFUSED from the kernel and a denied one in EACCES from the tracer)
    const code = [
      'import socket,errno,sys',
      'd=sys.argv[1]',
      "for p in (d+'/ok1.sock', d+'/no.sock', d+'/okalias.sock', '\\0at-test-1', '\\0other'):",
      ' s=socket.socket(socket.AF_UNIX)',
      " try: s.connect(p); print('ok')",
      " except OSError as e: print('err='+errno.errorcode.get(e.errno,'?'))",
      's=socket.socket(socket.AF_UNIX)',
      "try: s.bind(d+'/new.sock'); print('bound')",
      "except OSError as e: print('err='+errno.errorcode.get(e.errno,'?'))",
    ].join('\n');
    const r = await run(['/usr/bin/python3', '-c', code, sockDir], unixPolicy);
    const rules = (r.unix ?? []).map((e) => `${e.operation}:${e.path}:${e.rule}`);
    const want = [
      `connect:${sockDir}/ok1.sock:ok-sockets`,
      `connect:${sockDir}/no.sock:default-deny-unix`,
      `connect:${sockDir}/no.sock:default-deny-unix`,
      'connect:@at-test-1:abstract-ok',
      'connect:@other:default-deny-unix',
      `bind:${sockDir}/new.sock:default-deny-unix`,
    ];
    const ok =
      r.stdout === 'ok\nerr=EACCES\nerr=EACCES\nerr=ECONNREFUSED\nerr=EACCES\nerr=EACCES' &&
      JSON.stringify(rules) === JSON.stringify(want);
    return [ok, { stdout: r.stdout, rules }];
  },
  nodeDnsResolve: async () => {
    // c-ares (dns.resolve4) over the steered socket
    const code =
      "require('dns').promises.resolve4('allowed.test').then((a)=>console.log(a.join(',')),(e)=>console.log('err='+e.code))";
    const r = await run([process.execPath, '-e', code]);
    return [r.stdout === '127.0.0.2', r];
  },
  connectRedirect: async () => {
    const r = await run([
      '/bin/sh',
      '-c',
      `${netconn} connect 127.0.0.5 8080; ${netconn} connect ::ffff:127.0.0.5 8080`,
    ]);
    const rules = r.events.map((e) => `${e.effective}:${e.rule}:${e.note ?? ''}`);
    const want = 'redirect:five-to-four:127.0.0.4:8080';
    return [r.stdout === 'ok\nok' && rules.length === 2 && rules.every((x) => x === want), { r, rules }];
  },
  networkApproval: async () => {
    const r = await run(
      ['/bin/sh', '-c', `${netconn} connect 127.0.0.4 8080; ${netconn} connect 127.0.0.3 8080`],
      approvePolicy,
      grantFour,
    );
    const notes = r.events.map((e) => `${e.address}:${e.effective}:${e.note ?? ''}`);
    return [
      r.stdout === 'ok\nerr=EACCES' && notes.join() === '127.0.0.4:allow:approved,127.0.0.3:deny:denied',
      { r, notes },
    ];
  },
  racingThreadDuringApproval: async () => {
    // the address checked and approved is the one connected to, whatever the other thread writes meanwhile
    const r = await run([netRace, '127.0.0.4', '127.0.0.3', '8080', '100'], approvePolicy, grantFour);
    const m = /landed-denied=(\d+) ok=(\d+) refused=(\d+)/.exec(r.stdout);
    const [landed, ok, refused] = (m?.slice(1) ?? []).map(Number);
    return [landed === 0 && (ok ?? 0) > 0 && (ok ?? 0) + (refused ?? 0) === 100, r.stdout];
  },
  unixListen: async () => {
    // listen is judged against the path the socket was bound to
    const code = [
      'import socket,errno,sys',
      'd=sys.argv[1]',
      "for p in (d+'/bindonly1.sock', d+'/ok2.sock'):",
      ' s=socket.socket(socket.AF_UNIX); s.bind(p)',
      " try: s.listen(1); print('listening')",
      " except OSError as e: print('err='+errno.errorcode.get(e.errno,'?'))",
    ].join('\n');
    const r = await run(['/usr/bin/python3', '-c', code, sockDir], unixPolicy);
    const rules = (r.unix ?? []).map((e) => `${e.operation}:${e.rule}`);
    const want = 'bind:bind-only,listen:default-deny-unix,bind:ok-sockets,listen:ok-sockets';
    return [r.stdout === 'err=EACCES\nlistening' && rules.join() === want, { stdout: r.stdout, rules }];
  },
  packetSocketRefused: async () => {
    // raw link-layer sockets would bypass every destination check
    const code =
      "import socket,errno\ntry:\n socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0); print('opened')\nexcept OSError as e: print('err='+errno.errorcode.get(e.errno,'?'))";
    const r = await run(py(code));
    return [r.stdout === 'err=EPERM', r.stdout];
  },
  namesKnownAtSpawn: async () => {
    // names the session learnt before this command started judge its very first connect
    const names = [{ address: '127.0.0.2', names: ['allowed.test'], ttl: 60 }];
    const r = await run([netconn, 'connect', '127.0.0.2', '8080'], policy, undefined, names);
    const e = last(r);
    return [r.stdout === 'ok' && e?.rule === 'allow-allowed-test' && e.names.join() === 'allowed.test', r];
  },
  dnsSendmsg: async () => {
    const r = await run([netconn, 'dns', 'sendmsg', '1.1.1.1', 'allowed.test']);
    return [r.stdout === '127.0.0.2', r];
  },
  dnsSendmmsg: async () => {
    const r = await run([netconn, 'dns', 'sendmmsg', '1.1.1.1', 'allowed.test']);
    return [r.stdout === '127.0.0.2', r];
  },
  dnsConnectedUdp: async () => {
    const r = await run([netconn, 'dns', 'connect', '127.77.0.53', 'allowed.test']);
    return [r.stdout === '127.0.0.2' && last(r)?.rule === 'dns-to-session-proxy', r];
  },
  dnsTcp: async () => {
    const r = await run([netconn, 'dns', 'tcp', '8.8.4.4', 'allowed.test']);
    return [r.stdout === '127.0.0.2', r];
  },
  dnsV6: async () => {
    const r = await run([netconn, 'dns', 'sendto', '2001:4860:4860::8888', 'allowed.test']);
    return [r.stdout === '127.0.0.2', r];
  },
};

Object.assign(
  cases,
  bindCases((argv) => run(argv)),
  recvCases((argv) => run(argv), netconn),
);

async function main(): Promise<void> {
  execFileSync('ip', ['link', 'set', 'lo', 'up']);
  const servers = await startServers();
  const out: Record<string, { ok: boolean; detail: unknown }> = {};
  const only = process.argv[2];
  for (const [name, fn] of Object.entries(cases)) {
    if (only && name !== only) continue;
    try {
      const [ok, detail] = await fn();
      out[name] = { ok, detail: ok ? undefined : detail };
    } catch (e) {
      out[name] = { ok: false, detail: String(e) };
    }
  }
  out.queriesSeenByProxy = { ok: queries.length > 0, detail: queries.length };
  for (const s of servers) s.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

void main();
