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
import { stripClientSubnet } from './wire/strip-ecs';

/** Everything the forward route needs that does not change per query (built once per proxy). */
export interface ForwardContext {
  decide: DecideFn;
  forwarder: Forwarder;
  upstreams: readonly Upstream[];
  rebinding: RebindingOptions | undefined;
  maxCnameHops: number;
  defaultTarget: Target;
  /** Drop EDNS Client Subnet options before forwarding. */
  stripClientSubnet: boolean;
  /** Parsed forward-decision upstreams by their text (bounded), null for unusable ones. */
  forwardTargets: Map<string, Target | null>;
}

interface Target {
  upstreams: readonly Upstream[];
  route: string;
}

const TC = 0x02;

function keyFor(input: LocalAnswerInput, target: Target): string {
  const { query, session } = input;
  return cacheKey({
    session,
    route: target.route,
    edns: ednsKey(query),
    type: query.question.type,
    name: query.name,
  });
}

/** allow and forward, synchronously: the cached outcome, or undefined when the upstream must be asked. */
export function cachedForward(input: LocalAnswerInput, context: ForwardContext): Outcome | undefined {
  const { query, cache, now } = input;
  if (cache === undefined) return undefined;
  const target = targetUpstreams(input, context);
  if (target === null) return undefined;
  const hit = cache.get(keyFor(input, target), now);
  if (hit === undefined || hit.questionLength !== query.question.end - query.question.start) return undefined;
  return cachedOutcome(hit, query.ctx, now, input.decision);
}

/** allow and forward on a cache miss: upstream, then CNAME and rebinding checks on the answer. */
export async function forwardRoute(
  input: LocalAnswerInput,
  context: ForwardContext,
  type: string,
): Promise<Outcome> {
  const { query, decision, cache } = input;
  const target = targetUpstreams(input, context);
  if (target === null)
    return servfailOutcome(query.ctx, 'forward decision without a valid upstream', decision.action);
  let answer: ForwardedAnswer | null;
  try {
    const { forwarder, maxCnameHops } = context;
    answer = await forwardQuery({
      ctx: query.ctx,
      packet: context.stripClientSubnet ? stripClientSubnet(query.ctx.buf, query.opt) : query.ctx.buf,
      name: query.name,
      forwarder,
      upstreams: target.upstreams,
      cache,
      maxCnameHops,
    });
  } catch {
    return servfailOutcome(query.ctx, 'no upstream answered', decision.action);
  }
  if (answer === null)
    return servfailOutcome(
      query.ctx,
      'upstream reply unusable (malformed, or odd opcode or rcode)',
      decision.action,
    );
  const outcome = await checkedOutcome({ input, context, type }, answer);
  const lifetime = cacheLifetime(answer, outcome);
  if (cache && lifetime !== undefined) cache.set(keyFor(input, target), entryFor(outcome, input, lifetime));
  return outcome;
}

interface CheckContext {
  input: LocalAnswerInput;
  context: ForwardContext;
  type: string;
}

async function checkedOutcome(
  { input, context, type }: CheckContext,
  answer: ForwardedAnswer,
): Promise<Outcome> {
  const { query, decision, session } = input;
  const verdict = await checkAnswer({
    summary: answer.summary,
    type,
    session,
    decide: context.decide,
    rebinding: context.rebinding,
  });
  const local = { ctx: query.ctx, name: query.name, session, type: query.question.type };
  const upstream = answer.upstream.key;
  if (verdict.kind === 'cname') {
    const { response } = denyAnswer(local);
    const reason = `CNAME or SVCB target ${verdict.name} denied`;
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
    type,
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

function targetUpstreams(input: LocalAnswerInput, context: ForwardContext): Target | null {
  if (input.decision.action !== 'forward') return context.defaultTarget;
  const text = input.decision.upstream;
  if (text === undefined) return null;
  const known = context.forwardTargets.get(text);
  if (known !== undefined) return known;
  let target: Target | null = null;
  try {
    const upstream = parseUpstream(text, 'decision.upstream');
    target = { upstreams: [upstream], route: `forward:${upstream.key}` };
  } catch {
    // an unusable upstream in a decision answers SERVFAIL
  }
  if (context.forwardTargets.size < 256) context.forwardTargets.set(text, target);
  return target;
}
