// sendmmsg from a process whose memory another thread can write: the checked destinations are pinned
// (net_mmsg.c) and msg_len comes back into the caller's vector.
import { createSocket, type Socket } from 'node:dgram';
import { type Case, netconn, netRace, run } from './env';

/** UDP receivers counting datagrams per address:port. */
async function receivers(addrs: [string, number][]): Promise<{ counts: Map<string, number>; close(): void }> {
  const counts = new Map<string, number>();
  const socks: Socket[] = [];
  for (const [host, port] of addrs) {
    const s = createSocket('udp4');
    const key = `${host}:${port}`;
    counts.set(key, 0);
    s.on('message', () => counts.set(key, (counts.get(key) ?? 0) + 1));
    await new Promise<void>((resolve) => s.bind(port, host, resolve));
    socks.push(s);
  }
  return {
    counts,
    close: () => {
      for (const s of socks) s.close();
    },
  };
}

export const mmsgCases: Record<string, Case> = {
  mmsgRacingThreadPinned: async () => {
    // message 0 goes to a sockaddr a second thread flips between .4 (allowed) and .3 (denied)
    const rx = await receivers([
      ['127.0.0.4', 9100],
      ['127.0.0.4', 9101],
      ['127.0.0.3', 9100],
    ]);
    const r = await run([netRace, 'mmsg', '127.0.0.4', '127.0.0.3', '9100', '300']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    rx.close();
    const m = /sent=(\d+) lens-ok=(\d+) refused=(\d+)/.exec(r.stdout);
    const [sent, lensOk, refused] = (m?.slice(1) ?? []).map(Number);
    const c = Object.fromEntries(rx.counts);
    const ok =
      (sent ?? 0) > 0 &&
      lensOk === sent &&
      (sent ?? 0) + (refused ?? 0) === 300 &&
      c['127.0.0.3:9100'] === 0 &&
      c['127.0.0.4:9101'] === sent &&
      (c['127.0.0.4:9100'] ?? 0) > 0;
    return [ok, { stdout: r.stdout, c }];
  },
  dnsSendmmsgThreaded: async () => {
    // the pinned copy carries the steered destination: the query reaches the session proxy
    process.env.NETCONN_THREAD = '1';
    try {
      const r = await run([netconn, 'dns', 'sendmmsg', '1.1.1.1', 'allowed.test']);
      return [r.stdout === '127.0.0.2', r];
    } finally {
      delete process.env.NETCONN_THREAD;
    }
  },
};
