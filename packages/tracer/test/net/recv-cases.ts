// Replies of the session DNS proxy show the server the resolver sent to, whatever call reads them
// (run by cases.ts inside its namespace; the stand-in proxy listens on 127.0.0.1:5353).
import type { NetworkEvent } from '../../src/events';

interface Run {
  stdout: string;
  events: NetworkEvent[];
}

type Case = () => Promise<[boolean, unknown]>;

/** An A query for allowed.test, as bytes in hex. */
const QUERY = `123401000001000000000000${Buffer.from('\x07allowed\x04test\x00', 'latin1').toString('hex')}00010001`;

export function recvCases(run: (argv: string[]) => Promise<Run>, netconn: string): Record<string, Case> {
  return {
    replySourceViaRecvmsg: async () => {
      const code = [
        'import socket',
        's=socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
        's.settimeout(3)',
        `s.sendto(bytes.fromhex('${QUERY}'), ('9.9.9.9', 53))`,
        'data, anc, flags, addr = s.recvmsg(512, 0)',
        "print('%s:%d' % addr)",
        `s.sendto(bytes.fromhex('${QUERY}'), ('9.9.9.9', 53))`,
        'data, addr = s.recvfrom(512)',
        "print('%s:%d' % addr)",
      ].join('\n');
      const r = await run(['/usr/bin/python3', '-c', code]);
      return [r.stdout === '9.9.9.9:53\n9.9.9.9:53', r.stdout];
    },
    replySourceViaLibuv: async () => {
      // node's dgram reads with recvmsg (libuv)
      const code = [
        "const s=require('dgram').createSocket('udp4');",
        "s.on('message',(m,r)=>{console.log(r.address+':'+r.port);s.close();});",
        `s.send(Buffer.from('${QUERY}','hex'),53,'9.9.9.9');`,
        "setTimeout(()=>{console.log('timeout');process.exit(1)},3000).unref();",
      ].join('');
      const r = await run([process.execPath, '-e', code]);
      return [r.stdout === '9.9.9.9:53', r.stdout];
    },
    replySourceViaRecvmmsg: async () => {
      const r = await run([netconn, 'dns', 'recvmmsg', '9.9.9.9', 'allowed.test']);
      return [r.stdout === 'from=9.9.9.9:53\n127.0.0.2', r.stdout];
    },
  };
}
