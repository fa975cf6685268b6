import { performance } from 'node:perf_hooks';
import type { RebindingOptions } from './answer-check';
import type { DnsCache } from './cache';
import { emitEvent } from './emit';
import { cachedForward, type ForwardContext, forwardRoute } from './forward-route';
import type { IpNameMap } from './ip-map';
import { answerLocally, isLocalAction, type LocalAnswerInput } from './local-route';
import { fitResponse, type Outcome, servfailOutcome } from './outcome';
import { isRejected, type RejectedQuery, type ValidQuery, validateQuery } from './query';
import { countOutcome, type DnsProxyStats, emptyStats } from './stats';
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
  blockDohCanary?: boolean | undefined;
  stripClientSubnet?: boolean | undefined;
}

/** NXDOMAIN here tells Firefox not to switch on DNS over HTTPS by itself, which would bypass the proxy. */
const DOH_CANARY = 'use-application-dns.net';

/** A response now, or later when something had to be awaited; null means the packet is dropped. */
export type HandleResult = Buffer | null | Promise<Buffer | null>;

interface Pending {
  query: ValidQuery;
  type: string;
  transport: DnsTransport;
  started: number;
}

const ACTIONS = new Set(['allow', 'deny', 'redirect', 'forward']);

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Turns one query packet into one response packet (or null to drop it), emitting one event.
 * Nothing is awaited unless something asynchronous happens (an async decide(), an upstream query,
 * an async onAnswer), so cache hits with a synchronous decide() are answered synchronously.
 */
export class QueryHandler {
  readonly stats: DnsProxyStats = emptyStats();
  readonly #options: HandlerOptions;
  readonly #forward: ForwardContext;
  readonly #now: () => number;

  constructor(options: HandlerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#forward = {
      decide: options.decide,
      forwarder: options.forwarder,
      upstreams: options.upstreams,
      rebinding: options.rebinding,
      maxCnameHops: options.maxCnameHops ?? 16,
      defaultTarget: { upstreams: options.upstreams, route: 'default' },
      forwardTargets: new Map(),
      stripClientSubnet: options.stripClientSubnet !== false,
    };
  }

  handle(buf: Buffer, transport: DnsTransport): HandleResult {
    const started = performance.now();
    const query = validateQuery(buf);
    if (isRejected(query)) return this.#rejected(query, transport, started);
    const pending: Pending = { query, type: typeName(query.question.type), transport, started };
    if (query.name === DOH_CANARY && this.#options.blockDohCanary !== false) {
      return this.#decided(pending, { action: 'deny', rule: 'doh-canary' });
    }
    let decided: Decision | Promise<Decision>;
    try {
      decided = this.#options.decide({
        name: query.name,
        type: pending.type,
        session: this.#options.session,
      });
    } catch {
      return this.#send(pending, servfailOutcome(query.ctx, 'decide() threw'));
    }
    if (!isThenable(decided)) return this.#decided(pending, decided);
    return decided.then(
      (decision) => this.#decided(pending, decision),
      () => this.#send(pending, servfailOutcome(query.ctx, 'decide() rejected')),
    );
  }

  #decided(pending: Pending, decision: Decision): HandleResult {
    const { query } = pending;
    if (typeof decision !== 'object' || decision === null || !ACTIONS.has(decision.action)) {
      return this.#send(pending, servfailOutcome(query.ctx, 'decide() returned an unknown action'));
    }
    const input: LocalAnswerInput = {
      query,
      decision,
      session: this.#options.session,
      cache: this.#options.cache,
      now: this.#now(),
    };
    if (isLocalAction(decision, query.question.type)) return this.#complete(pending, answerLocally(input));
    const hit = cachedForward(input, this.#forward);
    if (hit !== undefined) return this.#complete(pending, hit);
    return forwardRoute(input, this.#forward, pending.type).then(
      (outcome) => this.#complete(pending, outcome),
      () =>
        this.#send(pending, servfailOutcome(query.ctx, 'internal error while forwarding', decision.action)),
    );
  }

  /** Records the IP -> names mapping and awaits onAnswer before the response may leave. */
  #complete(pending: Pending, outcome: Outcome): HandleResult {
    const mapping = outcome.mapping;
    if (mapping === undefined || mapping.addresses.length === 0) return this.#send(pending, outcome);
    this.#options.ipMap.recordCanonical(mapping.addresses, mapping.names);
    const onAnswer = this.#options.onAnswer;
    if (onAnswer === undefined) return this.#send(pending, outcome);
    const failed = (): Buffer =>
      this.#send(pending, servfailOutcome(pending.query.ctx, 'onAnswer hook failed', outcome.decision));
    let result: void | Promise<void>;
    try {
      result = onAnswer(mapping);
    } catch {
      return failed();
    }
    if (!isThenable(result)) return this.#send(pending, outcome);
    return result.then(() => this.#send(pending, outcome), failed);
  }

  #send(pending: Pending, outcome: Outcome): Buffer {
    const response = fitResponse(outcome.response, pending.query.ctx, pending.transport);
    countOutcome(this.stats, outcome, (response[3] as number) & 0xf);
    const { onEvent, session } = this.#options;
    if (onEvent !== undefined) {
      const at = {
        session,
        name: pending.query.name,
        type: pending.type,
        transport: pending.transport,
        started: pending.started,
      };
      emitEvent(onEvent, outcome, { ...at, rcode: rcodeName((response[3] as number) & 0xf) });
    }
    return response;
  }

  #rejected(rejected: RejectedQuery, transport: DnsTransport, started: number): Buffer | null {
    const response = rejected.response;
    if (response === null) {
      this.stats.dropped++;
      return null;
    }
    this.stats.answered++;
    this.stats.rejected++;
    const onEvent = this.#options.onEvent;
    if (onEvent !== undefined) {
      const outcome: Outcome = {
        response,
        decision: 'none',
        reason: rejected.reason,
        records: [],
        cached: false,
      };
      const at = {
        session: this.#options.session,
        name: rejected.name,
        type: typeName(rejected.type),
        transport,
        started,
      };
      emitEvent(onEvent, outcome, { ...at, rcode: rcodeName(rejected.rcode) });
    }
    return response;
  }
}
