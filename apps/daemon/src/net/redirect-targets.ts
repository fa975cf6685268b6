import { isIP } from 'node:net';
import type { PolicyTable } from '@agentsh/tracer';

/** One address a name resolved to, valid for ttl seconds. */
export interface ResolvedAddress {
  address: string;
  ttl: number;
}

/** Looks a host name up (A first, then AAAA); undefined when it does not resolve. */
export type ResolveHost = (host: string) => Promise<ResolvedAddress | undefined>;

export interface RedirectTargetsOptions {
  resolve: ResolveHost;
  /** milliseconds clock (tests) */
  now?: () => number;
  /** called when a target name does not resolve (its redirect stays a name: the tracer refuses it) */
  onUnresolved?: (host: string) => void;
}

/** A cached answer is kept at least this long, whatever its TTL. */
const MIN_TTL_S = 30;

/** "host:port" or "[v6]:port" split; undefined for anything else. */
function splitTarget(target: string): { host: string; port: string } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(target);
  const host = m?.[1] ?? m?.[2];
  return host && m?.[3] ? { host, port: m[3] } : undefined;
}

function joinTarget(address: string, port: string): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * connect_redirects may name their target by host name; the tracer rewrites destinations to IP
 * addresses only. Before a command starts, prepare() returns the table with every named target
 * replaced by an address it resolves to (cached for its TTL). The same table object comes back while
 * nothing changed, so the tracer's per-table encoding cache keeps working.
 */
export function createRedirectTargets(opts: RedirectTargetsOptions) {
  const now = opts.now ?? Date.now;
  const answers = new Map<string, { address: string; expires: number }>();
  const prepared = new WeakMap<PolicyTable, { key: string; table: PolicyTable }>();

  async function addressOf(host: string): Promise<string | undefined> {
    const hit = answers.get(host);
    if (hit && hit.expires > now()) return hit.address;
    const r = await opts.resolve(host).catch(() => undefined);
    if (!r) {
      opts.onUnresolved?.(host);
      return hit?.address; // a stale answer beats refusing every redirected connect
    }
    answers.set(host, { address: r.address, expires: now() + Math.max(r.ttl, MIN_TTL_S) * 1000 });
    return r.address;
  }

  return {
    async prepare(table: PolicyTable): Promise<PolicyTable> {
      const named = table.connectRedirects
        .map((c) => ({ target: c.redirectTo, split: splitTarget(c.redirectTo) }))
        .filter((n) => n.split !== undefined && isIP(n.split.host) === 0);
      if (named.length === 0) return table;
      const targets = new Map<string, string>();
      for (const { target, split } of named) {
        const address = split ? await addressOf(split.host) : undefined;
        if (split && address) targets.set(target, joinTarget(address, split.port));
      }
      const key = [...targets].map(([from, to]) => `${from}=${to}`).join(',');
      const last = prepared.get(table);
      if (last?.key === key) return last.table;
      const out = {
        ...table,
        connectRedirects: table.connectRedirects.map((c) => {
          const to = targets.get(c.redirectTo);
          return to ? { ...c, redirectTo: to } : c;
        }),
      };
      prepared.set(table, { key, table: out });
      return out;
    },
  };
}
