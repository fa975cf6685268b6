import { performance } from 'node:perf_hooks';
import type { RebindingOptions } from './answer-check';
import type { DnsCache } from './cache';
import { forwardRoute } from './forward-route';
import type { IpNameMap } from './ip-map';
import { answerLocally, isLocalAction, type LocalAnswerInput } from './local-route';
import { fitResponse, type Outcome, servfailOutcome } from './outcome';
import { isRejected, type RejectedQuery, type ValidQuery, validateQuery } from './query';
import type { AnswerMapping, DecideFn, Decision, DnsEvent, DnsTransport } from './types';
import type { Upstream } from './upstream/address';
import type { Forwarder } from './upstream/forwarder';
import { rcodeName, typeName } from './wire/rrtype';

export interface HandlerOptions {
  session: string;
  decide: DecideFn;
  forwarder: Forwarder;
  upstreams: readonly Upstream[];
  cache: DnsCache | undefined;
  ipMap: IpNameMap;
  onEvent?: ((event: DnsEvent) => void) | undefined;
  onAnswer?: ((mapping: AnswerMapping) => void | Promise<void>) | undefined;
  rebinding?: RebindingOptions | undefined;
  maxCnameHops?: number | undefined;
  now?: (() => number) | undefined;
}

interface EmitContext {
  name: string;
  type: string;
  transport: DnsTransport;
  started: number;
  response: Buffer;
  rcode?: string;
}

const ACTIONS = new Set(['allow', 'deny', 'redirect', 'forward']);

/** Turns one query packet into one response packet (or null to drop it), emitting one event. */
export class QueryHandler {
  readonly #options: HandlerOptions;

  constructor(options: HandlerOptions) {
    this.#options = options;
  }

  async handle(buf: Buffer, transport: DnsTransport): Promise<Buffer | null> {
    const started = performance.now();
    const checked = validateQuery(buf);
    if (isRejected(checked)) return this.#rejected(checked, transport, started);
    let outcome: Outcome;
    try {
      outcome = await this.#answer(checked);
    } catch {
      outcome = servfailOutcome(checked.ctx, 'internal error while answering');
    }
    outcome = await this.#publish(outcome, checked);
    const response = fitResponse(outcome.response, checked.ctx, transport);
    this.#emit(outcome, {
      name: checked.name,
      type: typeName(checked.question.type),
      transport,
      started,
      response,
    });
    return response;
  }

  async #answer(query: ValidQuery): Promise<Outcome> {
    const { session, decide } = this.#options;
    const type = typeName(query.question.type);
    let decision: Decision;
    try {
      decision = await decide({ name: query.name, type, session });
      if (typeof decision !== 'object' || decision === null || !ACTIONS.has(decision.action))
        throw new TypeError('bad decision');
    } catch {
      return servfailOutcome(query.ctx, 'decide() failed or returned an unknown action');
    }
    const now = (this.#options.now ?? Date.now)();
    const input: LocalAnswerInput = { query, decision, session, cache: this.#options.cache, now };
    if (isLocalAction(decision, query.question.type)) return answerLocally(input);
    return forwardRoute({ ...this.#options, ...input, type });
  }

  /** Records the IP -> names mapping and awaits onAnswer before the response may leave. */
  async #publish(outcome: Outcome, query: ValidQuery): Promise<Outcome> {
    const mapping = outcome.mapping;
    if (mapping === undefined || mapping.addresses.length === 0) return outcome;
    this.#options.ipMap.record(mapping.addresses, mapping.names);
    if (this.#options.onAnswer === undefined) return outcome;
    try {
      await this.#options.onAnswer(mapping);
      return outcome;
    } catch {
      return servfailOutcome(query.ctx, 'onAnswer hook failed', outcome.decision);
    }
  }

  #rejected(rejected: RejectedQuery, transport: DnsTransport, started: number): Buffer | null {
    if (rejected.response === null) return null;
    const outcome: Outcome = {
      response: rejected.response,
      decision: 'none',
      reason: rejected.reason,
      records: [],
      cached: false,
    };
    this.#emit(outcome, {
      name: rejected.name,
      type: typeName(rejected.type),
      transport,
      started,
      response: rejected.response,
      rcode: rcodeName(rejected.rcode),
    });
    return rejected.response;
  }

  #emit(outcome: Outcome, at: EmitContext): void {
    const onEvent = this.#options.onEvent;
    if (onEvent === undefined) return;
    const event: DnsEvent = {
      session: this.#options.session,
      name: at.name,
      type: at.type,
      decision: outcome.decision,
      rcode: at.rcode ?? rcodeName((at.response[3] as number) & 0xf),
      answers: outcome.records,
      cached: outcome.cached,
      transport: at.transport,
      durationMs: Math.round((performance.now() - at.started) * 1000) / 1000,
    };
    if (outcome.rule !== undefined) event.rule = outcome.rule;
    if (outcome.reason !== undefined) event.reason = outcome.reason;
    if (outcome.upstream !== undefined) event.upstream = outcome.upstream;
    try {
      onEvent(event);
    } catch {
      // a failing listener must not break answering
    }
  }
}
