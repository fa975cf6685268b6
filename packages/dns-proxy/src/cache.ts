import type { AnswerMapping, AnswerRecord, DecisionAction } from './types';

export interface CacheOptions {
  /** TTLs below this are raised (seconds, default 0). */
  minTtl?: number;
  /** TTLs above this are lowered (seconds, default 86400). */
  maxTtl?: number;
  /** Cap on negative-answer lifetime (seconds, default 3600). */
  maxNegativeTtl?: number;
  /** Entries kept; the oldest is dropped first (default 10000). */
  maxEntries?: number;
}

/** A response ready to send again: the stored buffer and everything its event needs. */
export interface CacheEntry {
  response: Buffer;
  questionLength: number;
  storedAt: number;
  expiresAt: number;
  ttlOffsets: number[];
  ttls: number[];
  decision: DecisionAction;
  rule: string | undefined;
  reason: string | undefined;
  upstream: string | undefined;
  rcode: string;
  records: AnswerRecord[];
  mapping: AnswerMapping | undefined;
}

/**
 * Response cache with TTL countdown. Keys always begin with the session, so nothing stored for
 * one session (redirects above all) is ever served to another, even when a cache is shared.
 */
export class DnsCache {
  readonly minTtl: number;
  readonly maxTtl: number;
  readonly maxNegativeTtl: number;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, CacheEntry>();

  constructor(options: CacheOptions = {}) {
    this.minTtl = options.minTtl ?? 0;
    this.maxTtl = options.maxTtl ?? 86_400;
    this.maxNegativeTtl = options.maxNegativeTtl ?? 3600;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** Clamps a positive TTL to [minTtl, maxTtl]. */
  clamp(ttl: number): number {
    return Math.min(Math.max(ttl, this.minTtl), this.maxTtl);
  }

  get(key: string, now: number): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CacheEntry): void {
    if (entry.expiresAt <= entry.storedAt) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, entry);
  }

  /** Drop everything, e.g. when the rules behind decide() change. */
  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Cache key: session first, then the route (upstream or 'local'), EDNS presence, type, name. */
export function cacheKey(parts: {
  session: string;
  route: string;
  /** 0 without EDNS, 1 with, 2 with the DO bit. */
  edns: number;
  type: number;
  name: string;
}): string {
  return `${parts.session}\u0000${parts.route}\u0000${parts.edns}\u0000${parts.type}\u0000${parts.name}`;
}

/** Copy of a cached response for a new query: TTLs counted down by the whole seconds elapsed. */
export function countDown(entry: CacheEntry, response: Buffer, now: number): number {
  const elapsed = Math.floor((now - entry.storedAt) / 1000);
  if (elapsed <= 0) return 0;
  for (let i = 0; i < entry.ttlOffsets.length; i++) {
    response.writeUInt32BE(Math.max(0, (entry.ttls[i] as number) - elapsed), entry.ttlOffsets[i] as number);
  }
  return elapsed;
}
