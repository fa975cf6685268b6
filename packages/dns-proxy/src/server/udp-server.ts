import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { DnsProxyError } from '../errors';
import type { QueryHandler } from '../handler';
import type { UdpSocketFactory } from '../upstream/udp-client';
import { deliver } from './deliver';

export interface ListenAddress {
  host: string;
  port: number;
}

export interface UdpServer {
  address: ListenAddress;
  close(): Promise<void>;
}

export interface UdpServerOptions extends ListenAddress {
  handler: QueryHandler;
  socketFactory?: UdpSocketFactory | undefined;
}

/** A UDP listener: every datagram goes to the handler; its response (if any) goes back to the sender. */
export async function startUdpServer(options: UdpServerOptions): Promise<UdpServer> {
  const type = isIPv6(options.host) ? 'udp6' : 'udp4';
  const socket = options.socketFactory
    ? options.socketFactory(type)
    : createSocket({ type, ipv6Only: type === 'udp6' });
  await bind(socket, options);
  socket.on('error', () => {
    // per-datagram send errors (client gone) are not fatal for the listener
  });
  socket.on('message', (message, remote) => {
    deliver(
      () => options.handler.handle(message, 'udp'),
      (response) => socket.send(response, remote.port, remote.address),
    );
  });
  const port = socket.address().port;
  return { address: { host: options.host, port }, close: () => closeSocket(socket) };
}

function bind(socket: Socket, at: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (cause: Error): void => {
      reject(new DnsProxyError('DNS_BIND', `cannot listen on udp ${at.host}:${at.port}`, { cause }));
    };
    socket.once('error', onError);
    socket.bind(at.port, at.host, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
