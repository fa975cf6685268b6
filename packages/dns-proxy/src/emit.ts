import { performance } from 'node:perf_hooks';
import type { Outcome } from './outcome';
import type { DnsEvent, DnsTransport } from './types';

export interface EmitContext {
  session: string;
  name: string;
  type: string;
  transport: DnsTransport;
  /** performance.now() when the query arrived. */
  started: number;
  rcode: string;
}

/** Builds the event for one answered query and hands it to the listener; listener errors are swallowed. */
export function emitEvent(onEvent: (event: DnsEvent) => void, outcome: Outcome, at: EmitContext): void {
  const event: DnsEvent = {
    session: at.session,
    name: at.name,
    type: at.type,
    decision: outcome.decision,
    rcode: at.rcode,
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
