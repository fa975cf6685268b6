import { createServer, type Server, type Socket } from 'node:net';
import { DnsProxyError } from '../errors';
import type { QueryHandler } from '../handler';
import { deliver } from './deliver';
import { FrameReader, frame } from './frame-reader';
import type { ListenAddress } from './udp-server';

export interface TcpServerOptions extends ListenAddress {
  handler: QueryHandler;
  /** Close a connection idle this long with nothing in flight (default 10000 ms, RFC 7766 §6.2.3). */
  idleTimeoutMs?: number | undefined;
  /** Connections beyond this are refused (default 128). */
  maxConnections?: number | undefined;
  /** Queries in flight on one connection before it is closed (default 64). */
  maxPipelined?: number | undefined;
}

export interface TcpServer {
  address: ListenAddress;
  close(): Promise<void>;
}

/** A TCP listener: length-framed queries, several per connection, answered as they complete. */
export async function startTcpServer(options: TcpServerOptions): Promise<TcpServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, options);
  });
  server.maxConnections = options.maxConnections ?? 128;
  await listen(server, options);
  server.on('error', () => {
    // accept errors (EMFILE, ...) affect one connection, not the listener
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { address: { host: options.host, port }, close };
}

function serveConnection(socket: Socket, options: TcpServerOptions): void {
  const reader = new FrameReader();
  const maxPipelined = options.maxPipelined ?? 64;
  let inflight = 0;
  socket.setNoDelay(true);
  socket.setTimeout(options.idleTimeoutMs ?? 10_000, () => {
    if (inflight === 0) socket.destroy();
  });
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    for (const message of reader.push(chunk)) {
      if (++inflight > maxPipelined) {
        socket.destroy();
        return;
      }
      const send = (response: Buffer): void => {
        if (!socket.destroyed) socket.write(frame(response));
      };
      deliver(
        () => options.handler.handle(message, 'tcp'),
        send,
        () => {
          inflight--;
        },
      );
    }
  });
}

function listen(server: Server, at: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new DnsProxyError('DNS_BIND', `cannot listen on tcp ${at.host}:${at.port}`, { cause })),
    );
    server.listen({ host: at.host, port: at.port, ipv6Only: at.host.includes(':') }, () => resolve());
  });
}
