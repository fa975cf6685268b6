import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import * as dnsPacket from 'dns-packet';

export interface QueryOptions {
  id?: number;
  edns?: boolean;
  /** EDNS options of the OPT record (implies edns) */
  ednsOptions?: dnsPacket.PacketOpt[];
}

/** Encodes a one-question query. */
export function queryPacket(name: string, type: string, options: QueryOptions = {}): Buffer {
  const additionals: dnsPacket.Answer[] =
    options.edns || options.ednsOptions
      ? [
          {
            type: 'OPT',
            name: '.',
            udpPayloadSize: 1232,
            extendedRcode: 0,
            ednsVersion: 0,
            flags: 0,
            flag_do: false,
            options: options.ednsOptions ?? [],
          },
        ]
      : [];
  return dnsPacket.encode({
    type: 'query',
    id: options.id ?? 4242,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: type as dnsPacket.RecordType, class: 'IN' }],
    additionals,
  });
}

/** Sends one datagram and resolves with the first reply (rejects after timeoutMs). */
export function udpExchange(host: string, port: number, packet: Buffer, timeoutMs = 2000): Promise<Buffer> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no UDP reply from ${host}:${port}`));
    }, timeoutMs);
    socket.once('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message);
    });
    socket.send(packet, port, host);
  });
}

/** Writes the given raw bytes on one TCP connection and collects `count` framed replies. */
export function tcpExchange(host: string, port: number, bytes: Buffer[], count: number): Promise<Buffer[]> {
  return new Promise<Buffer[]>((resolve, reject) => {
    const socket = connect({ host, port });
    const replies: Buffer[] = [];
    let buffered = Buffer.alloc(0);
    socket.setTimeout(3000, () => {
      socket.destroy();
      reject(new Error(`TCP replies: ${replies.length} of ${count}`));
    });
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const chunk of bytes) {
        socket.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        replies.push(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
        buffered = buffered.subarray(2 + buffered.readUInt16BE(0));
      }
      if (replies.length >= count) {
        socket.destroy();
        resolve(replies);
      }
    });
  });
}

/** Length-prefixes a message for TCP. */
export function framed(message: Buffer): Buffer {
  const out = Buffer.alloc(message.length + 2);
  out.writeUInt16BE(message.length, 0);
  message.copy(out, 2);
  return out;
}

/** dns-packet's decode with the rcode field its type declarations leave out. */
export function decodeReply(message: Buffer): dnsPacket.DecodedPacket & { rcode: string } {
  return dnsPacket.decode(message) as dnsPacket.DecodedPacket & { rcode: string };
}
