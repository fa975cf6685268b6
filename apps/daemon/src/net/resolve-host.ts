import { Resolver } from 'node:dns/promises';
import type { ResolveHost } from './redirect-targets';

/**
 * Resolves through the given upstreams ("host:port", as sandbox.network.dns_upstream), or the system's
 * nameservers when none are given: A first, then AAAA, with the answer's TTL.
 */
export function dnsResolveHost(servers?: readonly string[]): ResolveHost {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  if (servers && servers.length > 0) resolver.setServers([...servers]);
  return async (host) => {
    const v4 = await resolver.resolve4(host, { ttl: true }).catch(() => []);
    if (v4[0]) return { address: v4[0].address, ttl: v4[0].ttl };
    const v6 = await resolver.resolve6(host, { ttl: true }).catch(() => []);
    return v6[0] ? { address: v6[0].address, ttl: v6[0].ttl } : undefined;
  };
}
