// Connections by name and by literal, and DNS over every send path (run by cases.ts in its namespace).
import { type Case, last, netconn, netconnStatic, netRace, policy, py, pyConnect, run } from './env';

export const nameCases: Record<string, Case> = {
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
  nodeDnsResolve: async () => {
    // c-ares (dns.resolve4) over the steered socket
    const code =
      "require('dns').promises.resolve4('allowed.test').then((a)=>console.log(a.join(',')),(e)=>console.log('err='+e.code))";
    const r = await run([process.execPath, '-e', code]);
    return [r.stdout === '127.0.0.2', r];
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
