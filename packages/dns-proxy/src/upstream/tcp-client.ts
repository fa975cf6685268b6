import { connect, type Socket } from 'node:net';
import { DnsProxyError } from '../errors';
import type { Upstream } from './address';
import { type ExpectedQuestion, matchesQuestion } from './question-match';
import { randomQueryId } from './random-id';

export interface TcpQuery {
  upstream: Upstream;
  packet: Buffer;
  question: ExpectedQuestion;
  timeoutMs: number;
}

/**
 * One query over a fresh TCP connection (RFC 7766 framing): used when a UDP answer came back
 * truncated. The reply must carry the id sent and the same question.
 */
export function tcpQuery(query: TcpQuery): Promise<Buffer> {
  const id = randomQueryId();
  const frame = Buffer.allocUnsafe(query.packet.length + 2);
  frame.writeUInt16BE(query.packet.length, 0);
  query.packet.copy(frame, 2);
  frame.writeUInt16BE(id, 2);
  return new Promise<Buffer>((resolve, reject) => {
    const socket = connect({ host: query.upstream.host, port: query.upstream.port });
    const fail = (message: string, cause?: unknown): void => {
      socket.destroy();
      reject(new DnsProxyError('DNS_UPSTREAM', `TCP query to ${query.upstream.key}: ${message}`, { cause }));
    };
    socket.setTimeout(query.timeoutMs, () => fail(`no answer within ${query.timeoutMs} ms`));
    socket.on('error', (error) => fail('connection failed', error));
    socket.on('connect', () => socket.write(frame));
    readFrame(socket, (reply) => {
      socket.destroy();
      if (reply.readUInt16BE(0) !== id || !matchesQuestion(reply, query.question)) {
        fail('reply does not match the query');
      } else {
        resolve(reply);
      }
    });
    socket.on('end', () => fail('closed before a full reply'));
  });
}

function readFrame(socket: Socket, onFrame: (reply: Buffer) => void): void {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (buffered.length < 2) return;
    const length = buffered.readUInt16BE(0);
    if (length < 12 || buffered.length < length + 2) return;
    onFrame(buffered.subarray(2, 2 + length));
  });
}
