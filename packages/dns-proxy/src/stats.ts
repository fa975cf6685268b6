import type { Outcome } from './outcome';

/** Running counters of one proxy, e.g. for a metrics endpoint. */
export interface DnsProxyStats {
  /** Answered queries (each also produced an event). */
  answered: number;
  /** Packets dropped without an answer (no readable header, or a response). */
  dropped: number;
  /** Answers that did not parse, or had an unsupported opcode, class or EDNS version. */
  rejected: number;
  cacheHits: number;
  /** Answers that came from an upstream (not cached). */
  forwarded: number;
  denied: number;
  redirected: number;
  servfail: number;
}

export function emptyStats(): DnsProxyStats {
  return {
    answered: 0,
    dropped: 0,
    rejected: 0,
    cacheHits: 0,
    forwarded: 0,
    denied: 0,
    redirected: 0,
    servfail: 0,
  };
}

/** Counts one answered query by its outcome and response code. */
export function countOutcome(stats: DnsProxyStats, outcome: Outcome, rcode: number): void {
  stats.answered++;
  if (outcome.cached) stats.cacheHits++;
  else if (outcome.upstream !== undefined && outcome.decision !== 'deny') stats.forwarded++;
  if (outcome.decision === 'deny') stats.denied++;
  else if (outcome.decision === 'redirect') stats.redirected++;
  if (rcode === 2) stats.servfail++;
}
