import type { CacheEntry } from './cache';
import { countDown } from './cache';
import type { AnswerMapping, AnswerRecord, Decision, DecisionAction } from './types';
import { adaptResponse, buildResponse, type QueryContext } from './wire/respond';
import { RCODE } from './wire/rrtype';

/** How one query was answered, before the event is emitted and the response sent. */
export interface Outcome {
  response: Buffer;
  decision: DecisionAction | 'none';
  rule?: string | undefined;
  reason?: string | undefined;
  upstream?: string | undefined;
  records: AnswerRecord[];
  mapping?: AnswerMapping | undefined;
  cached: boolean;
}

/** SERVFAIL outcome with the reason carried into the event. */
export function servfailOutcome(
  ctx: QueryContext,
  reason: string,
  decision: Outcome['decision'] = 'none',
): Outcome {
  return {
    response: buildResponse(ctx, { rcode: RCODE.SERVFAIL }),
    decision,
    reason,
    records: [],
    cached: false,
  };
}

/**
 * A cached response adapted to a new query: its id, its question bytes, TTLs counted down. The rule is
 * the current decision's unless the stored answer was decided otherwise (a denied CNAME target).
 */
export function cachedOutcome(
  entry: CacheEntry,
  ctx: QueryContext,
  now: number,
  decision: Decision,
): Outcome {
  const response = adaptResponse(entry.response, ctx);
  const elapsed = countDown(entry, response, now);
  const records =
    elapsed === 0 ? entry.records : entry.records.map((r) => ({ ...r, ttl: Math.max(0, r.ttl - elapsed) }));
  const mapping =
    entry.mapping === undefined || elapsed === 0
      ? entry.mapping
      : {
          ...entry.mapping,
          addresses: entry.mapping.addresses.map((a) => ({ ...a, ttl: Math.max(0, a.ttl - elapsed) })),
        };
  return {
    response,
    decision: entry.decision,
    rule: entry.decision === decision.action ? decision.rule : entry.rule,
    reason: entry.reason,
    upstream: entry.upstream,
    records,
    mapping,
    cached: true,
  };
}

/** Replaces a UDP response that exceeds the client's limit by an empty one with TC set (RFC 1035, 6891). */
export function fitResponse(response: Buffer, ctx: QueryContext, transport: 'udp' | 'tcp'): Buffer {
  if (transport === 'tcp' || response.length <= ctx.edns.udpSize) return response;
  return buildResponse(ctx, { rcode: (response[3] as number) & 0xf, truncated: true });
}
