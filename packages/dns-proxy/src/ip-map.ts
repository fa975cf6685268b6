import type { AddressTtl } from './types';
import { addressBytes, formatIPv4, formatIPv6 } from './wire/ip';

/** Expired entries are swept at most this often, so a sweep never runs per query. */
const PRUNE_EVERY_MS = 10_000;

export interface IpNameMapOptions {
  /** Keep a mapping at least this long even when the answer's TTL is shorter (seconds, default 30). */
  minRetention?: number;
  now?: () => number;
}

/**
 * Per-session IP -> names record, filled from answers before they reach the client, so a later
 * connect() to an address can be judged by the names it was resolved from. Entries expire with TTL.
 */
export class IpNameMap {
  readonly #entries = new Map<string, Map<string, number>>();
  readonly #minRetentionMs: number;
  readonly #now: () => number;
  #lastPrune = 0;

  constructor(options: IpNameMapOptions = {}) {
    this.#minRetentionMs = (options.minRetention ?? 30) * 1000;
    this.#now = options.now ?? Date.now;
  }

  record(addresses: readonly AddressTtl[], names: readonly string[]): void {
    this.#record(addresses, names, false);
  }

  /** record() for addresses already in canonical text (as the proxy formats them): no re-parsing. */
  recordCanonical(addresses: readonly AddressTtl[], names: readonly string[]): void {
    this.#record(addresses, names, true);
  }

  #record(addresses: readonly AddressTtl[], names: readonly string[], canonical: boolean): void {
    const now = this.#now();
    for (const { address, ttl } of addresses) {
      const key = canonical ? address : canonicalAddress(address);
      if (key === null) continue;
      let byName = this.#entries.get(key);
      if (byName === undefined) {
        byName = new Map();
        this.#entries.set(key, byName);
      }
      const expiresAt = now + Math.max(ttl * 1000, this.#minRetentionMs);
      for (const name of names) byName.set(name, Math.max(expiresAt, byName.get(name) ?? 0));
    }
    if (now - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = now;
      this.prune();
    }
  }

  /** Names the address was an answer for and whose TTL has not run out, in insertion order. */
  lookup(address: string): string[] {
    const key = canonicalAddress(address);
    const byName = key === null ? undefined : this.#entries.get(key);
    if (byName === undefined) return [];
    const now = this.#now();
    return [...byName].filter(([, expiresAt]) => expiresAt > now).map(([name]) => name);
  }

  /** Every live mapping, address -> names. */
  snapshot(): Map<string, string[]> {
    this.prune();
    const out = new Map<string, string[]>();
    for (const [address, byName] of this.#entries) out.set(address, [...byName.keys()]);
    return out;
  }

  prune(): void {
    const now = this.#now();
    for (const [address, byName] of this.#entries) {
      for (const [name, expiresAt] of byName) if (expiresAt <= now) byName.delete(name);
      if (byName.size === 0) this.#entries.delete(address);
    }
  }
}

function canonicalAddress(address: string): string | null {
  const bytes = addressBytes(address);
  if (bytes === null) return null;
  return bytes.length === 4 ? formatIPv4(bytes, 0) : formatIPv6(bytes, 0);
}
