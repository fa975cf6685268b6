import { summariseAnswer } from './answers';
import { type CacheEntry, cacheKey, type DnsCache } from './cache';
import { ttlSlots } from './forward-answer';
import { cachedOutcome, type Outcome, servfailOutcome } from './outcome';
import type { ValidQuery } from './query';
import { anyAnswer, denyAnswer, LOCAL_TTL, type LocalAnswer, redirectAnswer } from './synthetic';
import type { AnswerRecord, Decision } from './types';
import { parseMessage } from './wire/reader';
import { RR } from './wire/rrtype';

export interface LocalAnswerInput {
  query: ValidQuery;
  decision: Decision;
  session: string;
  cache: DnsCache | undefined;
  now: number;
}

/** Deny, redirect and ANY are answered here without asking an upstream. */
export function isLocalAction(decision: Decision, qtype: number): boolean {
  return decision.action === 'deny' || decision.action === 'redirect' || qtype === RR.ANY;
}

/** EDNS part of a cache key: 0 without EDNS, 1 with, 2 with the DO bit. */
export function ednsKey(query: ValidQuery): number {
  const edns = query.ctx.edns;
  return edns.present ? (edns.dnssecOk ? 2 : 1) : 0;
}

export function answerLocally(input: LocalAnswerInput): Outcome {
  const { query, decision, session, cache, now } = input;
  const route = `local:${decision.action}:${decision.address ?? ''}:${decision.ttl ?? ''}`;
  const key = cacheKey({ session, route, edns: ednsKey(query), type: query.question.type, name: query.name });
  const hit = cache?.get(key, now);
  if (hit && hit.questionLength === query.question.end - query.question.start) {
    return cachedOutcome(hit, query.ctx, now, decision);
  }
  const local = build(input);
  if (local === null) return servfailOutcome(query.ctx, 'redirect without a valid address', decision.action);
  const outcome: Outcome = {
    response: local.response,
    decision: decision.action,
    rule: decision.rule,
    reason: local.reason,
    records: recordsOf(local.response, query.name),
    mapping: local.mapping,
    cached: false,
  };
  if (cache) cache.set(key, entryFor(outcome, input, decision.ttl ?? LOCAL_TTL));
  return outcome;
}

function build({ query, decision, session }: LocalAnswerInput): LocalAnswer | null {
  const local = { ctx: query.ctx, name: query.name, session, type: query.question.type };
  if (decision.action === 'deny') return denyAnswer(local);
  if (decision.action === 'redirect') return redirectAnswer(local, decision);
  return { ...anyAnswer(local), reason: 'ANY answered per RFC 8482' };
}

function recordsOf(response: Buffer, name: string): AnswerRecord[] {
  const parsed = parseMessage(response);
  return parsed.ok ? summariseAnswer(response, parsed.message, name).records : [];
}

/** A cache entry for an outcome whose response is held as is; lifetime in seconds. */
export function entryFor(outcome: Outcome, input: LocalAnswerInput, lifetime: number): CacheEntry {
  const parsed = parseMessage(outcome.response);
  const slots = parsed.ok ? ttlSlots(parsed.message) : { ttlOffsets: [], ttls: [] };
  return {
    response: outcome.response,
    questionLength: input.query.question.end - input.query.question.start,
    storedAt: input.now,
    expiresAt: input.now + lifetime * 1000,
    ...slots,
    decision: outcome.decision === 'none' ? input.decision.action : outcome.decision,
    rule: outcome.rule,
    reason: outcome.reason,
    upstream: outcome.upstream,
    rcode: String((outcome.response[3] as number) & 0xf),
    records: outcome.records,
    mapping: outcome.mapping,
  };
}
