import { checkAnswer, type RebindingOptions } from './answer-check';
import { cacheKey } from './cache';
import { type ForwardedAnswer, forwardQuery } from './forward-answer';
import { ednsKey, entryFor, type LocalAnswerInput } from './local-route';
import { cachedOutcome, type Outcome, servfailOutcome } from './outcome';
import { denyAnswer, LOCAL_TTL, noDataAnswer } from './synthetic';
import type { DecideFn } from './types';
import { parseUpstream, type Upstream } from './upstream/address';
import type { Forwarder } from './upstream/forwarder';
import { EDE } from './wire/respond';
import { RCODE } from './wire/rrtype';

export interface ForwardRouteInput extends LocalAnswerInput {
  type: string;
  decide: DecideFn;
  forwarder: Forwarder;
  upstreams: readonly Upstream[];
  rebinding?: RebindingOptions | undefined;
  maxCnameHops?: number | undefined;
}

const TC = 0x02;

/** allow and forward: cache, else upstream, then CNAME and rebinding checks on the answer. */
export async function forwardRoute(input: ForwardRouteInput): Promise<Outcome> {
  const { query, decision, session, cache, now } = input;
  const target = targetUpstreams(input);
  if (target === null)
    return servfailOutcome(query.ctx, 'forward decision without a valid upstream', decision.action);
  const key = cacheKey({
    session,
    route: target.route,
    edns: ednsKey(query),
    type: query.question.type,
    name: query.name,
  });
  const hit = cache?.get(key, now);
  if (hit && hit.questionLength === query.question.end - query.question.start) {
    return { ...cachedOutcome(hit, query.ctx, now), rule: decision.rule };
  }
  let answer: ForwardedAnswer | null;
  try {
    const maxCnameHops = input.maxCnameHops ?? 16;
    answer = await forwardQuery({
      ctx: query.ctx,
      name: query.name,
      forwarder: input.forwarder,
      upstreams: target.upstreams,
      cache,
      maxCnameHops,
    });
  } catch {
    return servfailOutcome(query.ctx, 'no upstream answered', decision.action);
  }
  if (answer === null) return servfailOutcome(query.ctx, 'upstream reply did not parse', decision.action);
  const outcome = await checkedOutcome(input, answer);
  const lifetime = cacheLifetime(answer, outcome);
  if (cache && lifetime !== undefined) cache.set(key, entryFor(outcome, input, lifetime));
  return outcome;
}

async function checkedOutcome(input: ForwardRouteInput, answer: ForwardedAnswer): Promise<Outcome> {
  const { query, decision, session } = input;
  const verdict = await checkAnswer({
    summary: answer.summary,
    type: input.type,
    session,
    decide: input.decide,
    rebinding: input.rebinding,
  });
  const local = { ctx: query.ctx, name: query.name, session, type: query.question.type };
  const upstream = answer.upstream.key;
  if (verdict.kind === 'cname') {
    const { response } = denyAnswer(local);
    const reason = `CNAME target ${verdict.name} denied`;
    return {
      response,
      decision: 'deny',
      rule: verdict.decision?.rule,
      reason,
      upstream,
      records: answer.summary.records,
      cached: false,
    };
  }
  if (verdict.kind === 'rebinding') {
    const { response } = noDataAnswer(local, EDE.BLOCKED);
    const reason = 'private address for a public name (rebinding protection)';
    return {
      response,
      decision: 'deny',
      rule: 'rebinding',
      reason,
      upstream,
      records: answer.summary.records,
      cached: false,
    };
  }
  const { summary } = answer;
  const mapping = {
    session,
    name: query.name,
    type: input.type,
    names: summary.names,
    addresses: summary.addresses,
  };
  return {
    response: answer.response,
    decision: decision.action,
    rule: decision.rule,
    upstream,
    records: summary.records,
    mapping,
    cached: false,
  };
}

/** Seconds to keep a forwarded outcome: smallest answer TTL, or the negative TTL; none for errors and TC. */
function cacheLifetime(answer: ForwardedAnswer, outcome: Outcome): number | undefined {
  if (outcome.response !== answer.response) return LOCAL_TTL;
  if (((answer.response[2] as number) & TC) !== 0) return undefined;
  if (answer.rcode !== RCODE.NOERROR && answer.rcode !== RCODE.NXDOMAIN) return undefined;
  if (answer.rcode === RCODE.NOERROR && answer.summary.minTtl !== undefined) return answer.summary.minTtl;
  return answer.summary.negativeTtl;
}

function targetUpstreams(input: ForwardRouteInput): { upstreams: readonly Upstream[]; route: string } | null {
  if (input.decision.action !== 'forward') return { upstreams: input.upstreams, route: 'default' };
  if (input.decision.upstream === undefined) return null;
  try {
    const upstream = parseUpstream(input.decision.upstream, 'decision.upstream');
    return { upstreams: [upstream], route: `forward:${upstream.key}` };
  } catch {
    return null;
  }
}
