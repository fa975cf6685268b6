import { DnsProxyError } from '../errors';
import { RCODE } from '../wire/rrtype';
import type { Upstream } from './address';
import type { ExpectedQuestion } from './question-match';
import { tcpQuery } from './tcp-client';
import type { UdpClient } from './udp-client';

const TC = 0x0200;

export interface ForwardRequest {
  packet: Buffer;
  question: ExpectedQuestion;
  upstreams: readonly Upstream[];
}

export interface ForwardResult {
  reply: Buffer;
  upstream: Upstream;
}

export interface ForwarderOptions {
  udp: UdpClient;
  /** Per attempt (default 2000 ms). */
  timeoutMs?: number;
  /** Rounds over the whole upstream list (default 2). */
  attempts?: number;
}

/**
 * Forwards over UDP, retrying over TCP when the reply is truncated, moving to the next upstream
 * on timeout, SERVFAIL or REFUSED. Throws DNS_UPSTREAM when no upstream gave a usable reply.
 */
export class Forwarder {
  readonly #udp: UdpClient;
  readonly #timeoutMs: number;
  readonly #attempts: number;

  constructor(options: ForwarderOptions) {
    this.#udp = options.udp;
    this.#timeoutMs = options.timeoutMs ?? 2000;
    this.#attempts = options.attempts ?? 2;
  }

  async forward(request: ForwardRequest): Promise<ForwardResult> {
    let fallback: ForwardResult | undefined;
    let lastError: unknown;
    for (let round = 0; round < this.#attempts; round++) {
      for (const upstream of request.upstreams) {
        try {
          const reply = await this.#ask(request, upstream);
          const rcode = (reply[3] as number) & 0xf;
          if (rcode !== RCODE.SERVFAIL && rcode !== RCODE.REFUSED) return { reply, upstream };
          fallback = { reply, upstream };
        } catch (error) {
          lastError = error;
        }
      }
      if (fallback) return fallback;
    }
    throw new DnsProxyError('DNS_UPSTREAM', `no upstream answered (${request.upstreams.length} tried)`, {
      cause: lastError,
    });
  }

  async #ask(request: ForwardRequest, upstream: Upstream): Promise<Buffer> {
    const query = {
      upstream,
      packet: request.packet,
      question: request.question,
      timeoutMs: this.#timeoutMs,
    };
    const reply = await this.#udp.query(query);
    if ((reply.readUInt16BE(2) & TC) === 0) return reply;
    return tcpQuery(query);
  }
}
