// Unix socket rules, connect redirects, network approvals and refused families (run by cases.ts).
import { approvePolicy, type Case, grantFour, netconn, netRace, py, run, sockDir, unixPolicy } from './env';

export const ruleCases: Record<string, Case> = {
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
};
