import { type AnswerSummary, summariseAnswer } from './answers';
import type { DnsCache } from './cache';
import type { Upstream } from './upstream/address';
import type { Forwarder } from './upstream/forwarder';
import { type ParseResult, parseMessage, type WireMessage } from './wire/reader';
import type { QueryContext } from './wire/respond';
import { RR } from './wire/rrtype';

export interface ForwardedAnswer {
  response: Buffer;
  message: WireMessage;
  summary: AnswerSummary;
  upstream: Upstream;
  rcode: number;
}

interface ForwardInput {
  ctx: QueryContext;
  /** What goes upstream: the client's query bytes, possibly without client-subnet options. */
  packet: Buffer;
  name: string;
  forwarder: Forwarder;
  upstreams: readonly Upstream[];
  cache: DnsCache | undefined;
  maxCnameHops: number;
}

/**
 * Forwards the query bytes (fresh id per upstream try), checks the reply parses in full,
 * clamps its TTLs to the cache limits in place and puts the client's id and question bytes back.
 * Throws DNS_UPSTREAM when every upstream failed; returns null for a reply that does not parse or
 * carries an opcode other than QUERY or an rcode above REFUSED.
 */
export async function forwardQuery(input: ForwardInput): Promise<ForwardedAnswer | null> {
  const { ctx } = input;
  const question = ctx.question;
  if (question === undefined) return null;
  const expected = { name: question.name.toLowerCase(), type: question.type, klass: question.klass };
  const { reply, upstream } = await input.forwarder.forward({
    packet: input.packet,
    question: expected,
    upstreams: input.upstreams,
  });
  if (!isSaneReply(reply)) return null;
  const parsed: ParseResult = parseMessage(reply);
  if (!parsed.ok) return null;
  const { message } = parsed;
  if (input.cache) clampTtls(reply, message, input.cache);
  reply.writeUInt16BE(ctx.id, 0);
  const echoed = message.questions[0];
  if (echoed && echoed.end - echoed.start === question.end - question.start) {
    ctx.buf.copy(reply, echoed.start, question.start, question.end);
  }
  const summary = summariseAnswer(reply, message, input.name, input.maxCnameHops);
  return { response: reply, message, summary, upstream, rcode: (reply[3] as number) & 0xf };
}

/** Opcode QUERY and an rcode a resolver gives for a query (0-5); anything else is not passed on. */
function isSaneReply(reply: Buffer): boolean {
  const flags = reply.readUInt16BE(2);
  return ((flags >> 11) & 0xf) === 0 && (flags & 0xf) <= 5;
}

function clampTtls(reply: Buffer, message: WireMessage, cache: DnsCache): void {
  for (const record of message.records) {
    if (record.type === RR.OPT) continue;
    const ttl = record.ttl > 0x7fffffff ? 0 : record.ttl;
    const clamped =
      record.type === RR.SOA && record.section === 'authority'
        ? Math.min(ttl, cache.maxNegativeTtl)
        : cache.clamp(ttl);
    if (clamped !== record.ttl) reply.writeUInt32BE(clamped, record.ttlOffset);
    record.ttl = clamped;
  }
}

/** TTL offsets and values of every non-OPT record, for counting down a cached copy. */
export function ttlSlots(message: WireMessage): { ttlOffsets: number[]; ttls: number[] } {
  const ttlOffsets: number[] = [];
  const ttls: number[] = [];
  for (const record of message.records) {
    if (record.type === RR.OPT) continue;
    ttlOffsets.push(record.ttlOffset);
    ttls.push(record.ttl);
  }
  return { ttlOffsets, ttls };
}
