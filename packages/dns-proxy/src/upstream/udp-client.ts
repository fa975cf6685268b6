import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { DnsProxyError } from '../errors';
import type { Upstream } from './address';
import { type ExpectedQuestion, matchesQuestion } from './question-match';
import { randomQueryId } from './random-id';

export type UdpSocketFactory = (type: 'udp4' | 'udp6') => Socket;

export interface UdpClientOptions {
  socketFactory?: UdpSocketFactory;
  /** Sockets per address family, each on its own OS-chosen ephemeral port (default 8). */
  poolSize?: number;
  /** A socket is replaced by a fresh one (new OS-chosen port) after this many queries (default 1: a new port per query, RFC 5452). */
  rotateAfter?: number;
  /** Queries in flight at once; more fail with DNS_UPSTREAM (default 1024). */
  maxOutstanding?: number;
}

interface PooledSocket {
  socket: Socket;
  sent: number;
  inflight: number;
  retired: boolean;
}

interface Pending {
  upstream: Upstream;
  question: ExpectedQuestion;
  pooled: PooledSocket;
  timer: NodeJS.Timeout;
  resolve: (reply: Buffer) => void;
  reject: (error: Error) => void;
}

export interface UdpQuery {
  upstream: Upstream;
  /** The query to send; its id is replaced by a fresh random one. */
  packet: Buffer;
  question: ExpectedQuestion;
  timeoutMs: number;
}

/**
 * Sends queries over UDP from a small pool of sockets. A reply is accepted only from the address
 * and port queried, with the random id sent and the same question; anything else is ignored.
 */
export class UdpClient {
  readonly #factory: UdpSocketFactory;
  readonly #poolSize: number;
  readonly #rotateAfter: number;
  readonly #maxOutstanding: number;
  readonly #pools = new Map<'udp4' | 'udp6', PooledSocket[]>();
  readonly #pending = new Map<number, Pending>();
  #turn = 0;
  #closed = false;

  constructor(options: UdpClientOptions = {}) {
    this.#factory = options.socketFactory ?? ((type) => createSocket(type));
    this.#poolSize = options.poolSize ?? 8;
    this.#rotateAfter = options.rotateAfter ?? 1;
    this.#maxOutstanding = options.maxOutstanding ?? 1024;
  }

  query(query: UdpQuery): Promise<Buffer> {
    if (this.#closed) return Promise.reject(new DnsProxyError('DNS_UPSTREAM', 'UDP client is closed'));
    if (this.#pending.size >= this.#maxOutstanding) {
      return Promise.reject(new DnsProxyError('DNS_UPSTREAM', 'too many upstream queries in flight'));
    }
    const id = this.#freeId();
    const packet = Buffer.from(query.packet);
    packet.writeUInt16BE(id, 0);
    const pooled = this.#pick(query.upstream.family === 6 ? 'udp6' : 'udp4');
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(
        () => this.#finish(id, new DnsProxyError('DNS_UPSTREAM', timeoutText(query))),
        query.timeoutMs,
      );
      this.#pending.set(id, {
        upstream: query.upstream,
        question: query.question,
        pooled,
        timer,
        resolve,
        reject,
      });
      pooled.inflight++;
      pooled.socket.send(packet, query.upstream.port, query.upstream.host, (error) => {
        if (error)
          this.#finish(
            id,
            new DnsProxyError('DNS_UPSTREAM', `send to ${query.upstream.key} failed`, { cause: error }),
          );
      });
    });
  }

  close(): void {
    this.#closed = true;
    for (const id of [...this.#pending.keys()])
      this.#finish(id, new DnsProxyError('DNS_UPSTREAM', 'UDP client closed'));
    for (const pool of this.#pools.values()) for (const pooled of pool) closeQuietly(pooled.socket);
    this.#pools.clear();
  }

  #freeId(): number {
    for (;;) {
      const id = randomQueryId();
      if (!this.#pending.has(id)) return id;
    }
  }

  #pick(type: 'udp4' | 'udp6'): PooledSocket {
    let pool = this.#pools.get(type);
    if (pool === undefined) {
      pool = [];
      this.#pools.set(type, pool);
    }
    const slot = this.#turn++ % this.#poolSize;
    let pooled = pool[slot];
    if (pooled === undefined || pooled.sent >= this.#rotateAfter) {
      if (pooled !== undefined) this.#retire(pooled);
      pooled = this.#open(type);
      pool[slot] = pooled;
    }
    pooled.sent++;
    return pooled;
  }

  #open(type: 'udp4' | 'udp6'): PooledSocket {
    const socket = this.#factory(type);
    const pooled: PooledSocket = { socket, sent: 0, inflight: 0, retired: false };
    socket.on('message', (reply, remote) => this.#onReply(pooled, reply, remote));
    socket.on('error', () => this.#retire(pooled));
    socket.unref();
    return pooled;
  }

  #retire(pooled: PooledSocket): void {
    pooled.retired = true;
    pooled.sent = this.#rotateAfter;
    if (pooled.inflight === 0) closeQuietly(pooled.socket);
  }

  #onReply(pooled: PooledSocket, reply: Buffer, remote: RemoteInfo): void {
    if (reply.length < 12) return;
    const id = reply.readUInt16BE(0);
    const pending = this.#pending.get(id);
    if (pending === undefined || pending.pooled !== pooled) return;
    if (remote.address !== pending.upstream.host || remote.port !== pending.upstream.port) return;
    if (!matchesQuestion(reply, pending.question)) return;
    this.#finish(id, reply);
  }

  #finish(id: number, outcome: Buffer | Error): void {
    const pending = this.#pending.get(id);
    if (pending === undefined) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.pooled.inflight--;
    if (pending.pooled.retired && pending.pooled.inflight === 0) closeQuietly(pending.pooled.socket);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }
}

function timeoutText(query: UdpQuery): string {
  return `no answer from ${query.upstream.key} within ${query.timeoutMs} ms`;
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
