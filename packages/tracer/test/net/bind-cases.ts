// bind, listen and socket() families under a policed network (run by cases.ts inside its namespace).
import type { NetworkEvent } from '../../src/events';

interface Run {
  stdout: string;
  events: NetworkEvent[];
}

type Case = () => Promise<[boolean, unknown]>;

const errLine = "except OSError as e: print('err='+errno.errorcode.get(e.errno,'?'))";

/** Python that tries each step and prints ok or err=ERRNO per line. */
function steps(lines: [string, string][]): string {
  const body = lines.flatMap(([label, stmt]) => [`try: ${stmt}; print('${label}')`, errLine]);
  return ['import socket,errno', ...body].join('\n');
}

const line = (e: NetworkEvent) => `${e.operation}:${e.address}:${e.port}:${e.effective}:${e.rule}`;

/** The policy of cases.ts allows 127.0.0.4 and 127.0.0.5 by CIDR and denies everything else. */
export function bindCases(run: (argv: string[]) => Promise<Run>): Record<string, Case> {
  const py = (code: string) => run(['/usr/bin/python3', '-c', code]);
  return {
    ipBindAndListenJudged: async () => {
      const r = await py(
        steps([
          ['bound4', "a=socket.socket(); a.bind(('127.0.0.4',9000))"],
          ['listening4', 'a.listen()'],
          ['bound3', "b=socket.socket(); b.bind(('127.0.0.3',9000))"],
          ['ephemeral', "c=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); c.bind(('0.0.0.0',0))"],
          ['bound6', "d=socket.socket(socket.AF_INET6); d.bind(('::ffff:127.0.0.3',9001))"],
        ]),
      );
      const want = [
        'bind:127.0.0.4:9000:allow:allow-cidr-4',
        'listen:127.0.0.4:9000:allow:allow-cidr-4',
        'bind:127.0.0.3:9000:deny:default-deny-network',
        'bind:0.0.0.0:0:allow:ephemeral-port',
        'bind:127.0.0.3:9001:deny:default-deny-network',
      ];
      const got = r.events.map(line);
      const out = 'bound4\nlistening4\nerr=EACCES\nephemeral\nerr=EACCES';
      return [r.stdout === out && JSON.stringify(got) === JSON.stringify(want), { r, got }];
    },
    listenWithoutBindJudged: async () => {
      // listen() on an unbound TCP socket binds it to 0.0.0.0:<any port>: judged as 0.0.0.0 port 0
      const r = await py(steps([['listening', 's=socket.socket(); s.listen()']]));
      const e = r.events[r.events.length - 1];
      return [r.stdout === 'err=EACCES' && e?.operation === 'listen' && e.address === '0.0.0.0', r];
    },
    socketFamiliesOutsideTheRulesRefused: async () => {
      // vsock reaches the VM's host, TIPC/RDS/CAN other transports: no network rule can judge them
      const r = await py(
        steps([
          ['vsock', 'socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)'],
          ['tipc', 'socket.socket(socket.AF_TIPC, socket.SOCK_RDM)'],
          ['inet', 'socket.socket(socket.AF_INET, socket.SOCK_STREAM)'],
          ['unix', 'socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)'],
          ['netlink', 'socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)'],
        ]),
      );
      const refused = r.events.map((e) => `${e.operation}:${e.family}:${e.effective}:${e.rule}`);
      const want = ['socket:vsock:deny:socket-family', 'socket:tipc:deny:socket-family'];
      const ok = r.stdout === 'err=EAFNOSUPPORT\nerr=EAFNOSUPPORT\ninet\nunix\nnetlink';
      return [ok && JSON.stringify(refused) === JSON.stringify(want), { stdout: r.stdout, refused }];
    },
  };
}
