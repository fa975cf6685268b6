import { createSocket, type RemoteInfo } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import * as dnsPacket from 'dns-packet';

/** Records keyed "name/TYPE" (name lower-case); each value is the full answer section. */
export type FakeZone = Record<string, dnsPacket.Answer[]>;

export interface FakeUpstreamOptions {
  zone: FakeZone;
  /** Names answered over UDP with TC set and no records (the full answer only over TCP). */
  truncateUdp?: string[];
  /** Names never answered. */
  silent?: string[];
  /** Names answered with SERVFAIL. */
  servfail?: string[];
  /** Reply to every UDP query first with a wrong id, then (if true) with the right one. */
  spoofFirst?: boolean;
  host?: string;
  /** Port for both UDP and TCP (default: one the kernel picks). */
  port?: number;
}

export interface FakeUpstream {
  host: string;
  port: number;
  /** "127.0.0.1:PORT" */
  address: string;
  queries: { name: string; type: string; transport: 'udp' | 'tcp'; id: number; port: number }[];
  /** Messages dns-packet could not decode (the proxy should never forward one). */
  undecodable(): number;
  close(): Promise<void>;
}

const SOA: dnsPacket.Answer = {
  name: 'test',
  type: 'SOA',
  ttl: 300,
  data: { mname: 'ns.test', rname: 'admin.test', serial: 1, refresh: 60, retry: 60, expire: 60, minimum: 30 },
};

/** A tiny authoritative server on loopback (UDP + TCP, same port) for tests: never the machine's resolver. */
export async function startFakeUpstream(options: FakeUpstreamOptions): Promise<FakeUpstream> {
  const host = options.host ?? '127.0.0.1';
  const udp = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve) => udp.bind(options.port ?? 0, host, resolve));
  const port = udp.address().port;
  const queries: FakeUpstream['queries'] = [];
  let undecodable = 0;
  const answer = (message: Buffer, transport: 'udp' | 'tcp', from: number): Buffer | null => {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      undecodable++;
      return null;
    }
    const question = query.questions?.[0];
    if (question === undefined) return null;
    const name = question.name.toLowerCase();
    queries.push({ name, type: question.type, transport, id: query.id ?? 0, port: from });
    if (options.silent?.includes(name)) return null;
    return dnsPacket.encode(reply(options, query, transport));
  };
  udp.on('message', (message: Buffer, remote: RemoteInfo) => {
    const response = answer(message, 'udp', remote.port);
    if (response === null) return;
    if (options.spoofFirst) {
      const spoof = Buffer.from(response);
      spoof.writeUInt16BE((spoof.readUInt16BE(0) + 1) & 0xffff, 0);
      udp.send(spoof, remote.port, remote.address);
    }
    udp.send(response, remote.port, remote.address);
  });
  const tcp = createServer((socket) => serveTcp(socket, (m) => answer(m, 'tcp', socket.remotePort ?? 0)));
  await new Promise<void>((resolve) => tcp.listen(port, host, resolve));
  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
  };
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return { host, port, address, queries, close, undecodable: () => undecodable };
}

function reply(
  options: FakeUpstreamOptions,
  query: dnsPacket.DecodedPacket,
  transport: 'udp' | 'tcp',
): dnsPacket.Packet {
  const question = query.questions?.[0] as dnsPacket.Question;
  const name = question.name.toLowerCase();
  const base = {
    id: query.id,
    type: 'response' as const,
    questions: [question],
    flags: dnsPacket.RECURSION_AVAILABLE,
  };
  if (options.servfail?.includes(name)) return { ...base, flags: base.flags | 2 };
  if (transport === 'udp' && options.truncateUdp?.includes(name)) {
    return { ...base, flags: base.flags | dnsPacket.TRUNCATED_RESPONSE };
  }
  const answers = options.zone[`${name}/${question.type}`];
  if (answers !== undefined && answers.length > 0) return { ...base, answers };
  if (answers !== undefined) return { ...base, authorities: [SOA] };
  const exists = Object.keys(options.zone).some((key) => key.startsWith(`${name}/`));
  return { ...base, flags: base.flags | (exists ? 0 : 3), authorities: [SOA] };
}

function serveTcp(socket: Socket, answer: (message: Buffer) => Buffer | null): void {
  let buffered = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
      const length = buffered.readUInt16BE(0);
      const response = answer(buffered.subarray(2, 2 + length));
      buffered = buffered.subarray(2 + length);
      if (response === null) continue;
      const framed = Buffer.alloc(response.length + 2);
      framed.writeUInt16BE(response.length, 0);
      response.copy(framed, 2);
      socket.write(framed);
    }
  });
}
