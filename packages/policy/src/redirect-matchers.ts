import type { DecisionOptions, PolicyDecisionResult } from './decision';
import { toEffective } from './decision';
import { renderMessage } from './message';
import { re2ToRegExp } from './re2';
import type { ConnectRedirect, DnsRedirect } from './schema';

export interface DnsRedirectMatcher {
  /** The first dns_redirects entry whose regex matches the lower-cased name, as a redirect result. */
  check(name: string): PolicyDecisionResult | undefined;
}

export interface ConnectRedirectMatcher {
  /** The first connect_redirects entry whose regex matches `host:port`. */
  check(hostPort: string): PolicyDecisionResult | undefined;
}

/** Compiles dns_redirects (Go regexes, unanchored; first match wins). */
export function createDnsRedirectMatcher(
  list: readonly DnsRedirect[],
  options: DecisionOptions,
): DnsRedirectMatcher {
  const effective = toEffective('redirect', options);
  const compiled = list.map((r) => {
    const result: PolicyDecisionResult = Object.freeze({
      decision: 'redirect',
      effectiveDecision: effective,
      rule: r.name,
      redirect: {
        kind: 'dns',
        resolveTo: r.resolve_to,
        visibility: r.visibility ?? 'audit_only',
        onFailure: r.on_failure ?? 'fail_closed',
      },
    } as const);
    return { re: re2ToRegExp(r.match), result };
  });
  return {
    check(name) {
      for (const c of compiled) if (c.re.test(name)) return c.result;
      return undefined;
    },
  };
}

/** Compiles connect_redirects (Go regexes on `host:port`; first match wins). */
export function createConnectRedirectMatcher(
  list: readonly ConnectRedirect[],
  options: DecisionOptions,
): ConnectRedirectMatcher {
  const effective = toEffective('redirect', options);
  const compiled = list.map((r) => ({ re: re2ToRegExp(r.match), r }));
  return {
    check(hostPort) {
      for (const { re, r } of compiled) {
        if (!re.test(hostPort)) continue;
        const out: PolicyDecisionResult = {
          decision: 'redirect',
          effectiveDecision: effective,
          rule: r.name,
          redirect: { kind: 'connect', redirectTo: r.redirect_to },
        };
        if (r.tls && out.redirect?.kind === 'connect')
          out.redirect.tls = { mode: r.tls.mode ?? 'passthrough', ...(r.tls.sni ? { sni: r.tls.sni } : {}) };
        if (r.message) out.message = renderMessage(r.message, { RemoteAddr: hostPort });
        return out;
      }
      return undefined;
    },
  };
}
