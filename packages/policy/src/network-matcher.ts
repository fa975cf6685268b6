import type { DecisionOptions, PolicyDecisionResult } from './decision';
import { compileGlobSet, type GlobSet } from './glob-set';
import { type Cidr, cidrContains, type IpAddr, parseCidr, parseIp } from './ip';
import { defaultDeny, type PreparedRule, prepareRule, resultFor } from './prepared-rule';
import type { NetworkRule } from './schema';

/** Name resolution injected by the caller (recorded DNS answers, --resolve pairs). Never the network. */
export type Resolver = (host: string) => readonly string[];

export const RESOLVE_NOTHING: Resolver = () => [];

/** A threat-feed lookup injected by the caller (feeds are downloaded elsewhere; allowlist applied there). */
export interface ThreatFeedCheck {
  /** The feed that lists `domain` (or a parent of it), if any. */
  check(domain: string): { feed: string; matched: string } | undefined;
  /** threat_feeds.action: deny stops before the rules (rule `threat-feed:<feed>`); audit only annotates. */
  action: 'deny' | 'audit';
}

interface CompiledNetworkRule {
  rule: PreparedRule;
  ports: Set<number> | undefined;
  domains: GlobSet | undefined;
  cidrs: Cidr[] | undefined;
}

export interface NetworkQuery {
  host: string;
  port: number;
  /** For a connect to an IP: the names that resolved to it in the session. */
  names?: readonly string[] | undefined;
}

export interface NetworkMatcher {
  check(query: NetworkQuery): PolicyDecisionResult;
}

const DEFAULT_DENY = defaultDeny('default-deny-network');

/** Lower-cases and drops a trailing dot and IPv6 brackets. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

/** `host:port`, IPv6 bracketed. */
export function remoteAddr(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function compileRule(r: NetworkRule, i: number, options: DecisionOptions): CompiledNetworkRule {
  return {
    rule: prepareRule(r, `network-rule-${i}`, options),
    ports: r.ports.length > 0 ? new Set(r.ports) : undefined,
    domains:
      r.domains.length > 0
        ? compileGlobSet(
            r.domains.map((d) => d.trim().toLowerCase()),
            '.',
          )
        : undefined,
    cidrs: r.cidrs.length > 0 ? r.cidrs.map((c) => parseCidr(c.trim()) as Cidr) : undefined,
  };
}

function domainMatches(globs: GlobSet, host: string, names: readonly string[] | undefined): boolean {
  if (globs.test(host)) return true;
  return names?.some((n) => globs.test(normalizeHost(n))) === true;
}

function anyIn(cidrs: readonly Cidr[], ips: readonly IpAddr[]): boolean {
  for (const ip of ips) for (const c of cidrs) if (cidrContains(c, ip)) return true;
  return false;
}

function threatOf(feeds: ThreatFeedCheck, host: string, names: readonly string[] | undefined) {
  const hit = feeds.check(host);
  if (hit || !names) return hit;
  for (const n of names) {
    const h = feeds.check(normalizeHost(n));
    if (h) return h;
  }
  return undefined;
}

function withThreat(res: PolicyDecisionResult, hit: { feed: string; matched: string }): PolicyDecisionResult {
  return { ...res, threat: { feed: hit.feed, matched: hit.matched, action: 'audit' } };
}

/**
 * Compiles network_rules, after the optional threat-feed pre-check. A rule matches when every
 * non-empty selector matches (ports AND domains AND cidrs). A host name meets a CIDR selector
 * through the injected resolver only, resolved at most once.
 */
export function createNetworkMatcher(
  rules: readonly NetworkRule[],
  options: DecisionOptions & { resolve?: Resolver; threatFeed?: ThreatFeedCheck },
): NetworkMatcher {
  const compiled = rules.map((r, i) => compileRule(r, i, options));
  const resolve = options.resolve ?? RESOLVE_NOTHING;
  const feeds = options.threatFeed;
  const matchRules = createRuleLoop(compiled, resolve);
  return {
    check(query) {
      if (!feeds) return matchRules(query);
      const hit = threatOf(feeds, normalizeHost(query.host), query.names);
      if (!hit) return matchRules(query);
      if (feeds.action === 'deny') {
        const message = `domain matched threat feed: ${hit.feed} (matched: ${hit.matched})`;
        return {
          decision: 'deny',
          effectiveDecision: 'deny',
          rule: `threat-feed:${hit.feed}`,
          message,
          threat: { ...hit, action: 'deny' },
        };
      }
      return withThreat(matchRules(query), hit);
    },
  };
}

function createRuleLoop(
  compiled: readonly CompiledNetworkRule[],
  resolve: Resolver,
): (q: NetworkQuery) => PolicyDecisionResult {
  return ({ host: rawHost, port, names }) => {
    const host = normalizeHost(rawHost);
    let ips: IpAddr[] | undefined;
    for (const c of compiled) {
      if (c.ports && !c.ports.has(port)) continue;
      if (c.domains && !domainMatches(c.domains, host, names)) continue;
      if (c.cidrs) {
        if (ips === undefined) {
          const literal = parseIp(host);
          ips = literal ? [literal] : resolve(host).flatMap((s) => parseIp(s) ?? []);
        }
        if (!anyIn(c.cidrs, ips)) continue;
      }
      if (!c.rule.templated) return c.rule.fixed;
      return resultFor(c.rule, { RemoteAddr: remoteAddr(host, port), Domain: host, Port: String(port) });
    }
    return DEFAULT_DENY.fixed;
  };
}
