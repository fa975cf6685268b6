import { parseGlob } from './glob-parse';
import { parseCidr, parseIp } from './ip';
import { re2ToRegExp } from './re2';
import type { Policy } from './schema';
import { expandSignal } from './signals';

/** A semantic problem found after the schema accepted the document. */
export interface SemanticIssue {
  code:
    | 'invalid_glob'
    | 'invalid_cidr'
    | 'invalid_regex'
    | 'invalid_ip'
    | 'invalid_address'
    | 'invalid_signal'
    | 'invalid_redirect';
  path: (string | number)[];
  message: string;
}

const VAR_RE = /\$\{[^}]*\}/g;

type Push = (issue: SemanticIssue) => void;

function checkGlobs(list: readonly string[], path: (string | number)[], push: Push): void {
  list.forEach((g, j) => {
    try {
      parseGlob(g.replace(VAR_RE, 'VAR'));
    } catch (err) {
      push({
        code: 'invalid_glob',
        path: [...path, j],
        message: `invalid glob ${JSON.stringify(g)}: ${(err as Error).message}`,
      });
    }
  });
}

function checkRegex(source: string, path: (string | number)[], push: Push): void {
  try {
    re2ToRegExp(source);
  } catch (err) {
    push({
      code: 'invalid_regex',
      path,
      message: `invalid regex ${JSON.stringify(source)}: ${(err as Error).message}`,
    });
  }
}

function checkRules(p: Policy, push: Push): void {
  p.file_rules.forEach((r, i) => {
    checkGlobs(r.paths, ['file_rules', i, 'paths'], push);
    if (r.decision.toLowerCase() === 'redirect' && !r.redirect_to) {
      push({
        code: 'invalid_redirect',
        path: ['file_rules', i],
        message: 'decision redirect needs redirect_to',
      });
    }
  });
  p.network_rules.forEach((r, i) => {
    checkGlobs(r.domains, ['network_rules', i, 'domains'], push);
    r.cidrs.forEach((c, j) => {
      if (!parseCidr(c))
        push({
          code: 'invalid_cidr',
          path: ['network_rules', i, 'cidrs', j],
          message: `invalid CIDR ${JSON.stringify(c)}`,
        });
    });
  });
  p.command_rules.forEach((r, i) => {
    r.args_patterns.forEach((a, j) => {
      checkRegex(a, ['command_rules', i, 'args_patterns', j], push);
    });
    if (r.decision.toLowerCase() === 'redirect' && !r.redirect_to) {
      push({
        code: 'invalid_redirect',
        path: ['command_rules', i],
        message: 'decision redirect needs redirect_to.command',
      });
    }
  });
  p.unix_socket_rules.forEach((r, i) => {
    checkGlobs(r.paths, ['unix_socket_rules', i, 'paths'], push);
  });
  p.registry_rules.forEach((r, i) => {
    checkGlobs(r.paths, ['registry_rules', i, 'paths'], push);
  });
  p.signal_rules.forEach((r, i) => {
    r.signals.forEach((s, j) => {
      if (!expandSignal(s))
        push({
          code: 'invalid_signal',
          path: ['signal_rules', i, 'signals', j],
          message: `unknown signal ${JSON.stringify(s)}`,
        });
    });
  });
}

function checkRedirects(p: Policy, push: Push): void {
  p.dns_redirects.forEach((r, i) => {
    checkRegex(r.match, ['dns_redirects', i, 'match'], push);
    if (!parseIp(r.resolve_to)) {
      push({
        code: 'invalid_ip',
        path: ['dns_redirects', i, 'resolve_to'],
        message: `resolve_to must be an IP address, got ${JSON.stringify(r.resolve_to)}`,
      });
    }
  });
  p.connect_redirects.forEach((r, i) => {
    checkRegex(r.match, ['connect_redirects', i, 'match'], push);
    if (!/^(\[[^\]]+\]|[^:\s]+):\d{1,5}$/.test(r.redirect_to)) {
      push({
        code: 'invalid_address',
        path: ['connect_redirects', i, 'redirect_to'],
        message: `redirect_to must be host:port, got ${JSON.stringify(r.redirect_to)}`,
      });
    }
    if (r.tls?.mode === 'rewrite_sni' && !r.tls.sni) {
      push({
        code: 'invalid_redirect',
        path: ['connect_redirects', i, 'tls'],
        message: 'tls.mode rewrite_sni needs tls.sni',
      });
    }
  });
  if (p.env_policy) {
    checkGlobs(p.env_policy.allow ?? [], ['env_policy', 'allow'], push);
    checkGlobs(p.env_policy.deny ?? [], ['env_policy', 'deny'], push);
  }
}

/** Checks what the schema cannot: globs, CIDRs, RE2 regexes, IPs, signals, redirect targets. */
export function validatePolicySemantics(policy: Policy): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  const push: Push = (issue) => out.push(issue);
  checkRules(policy, push);
  checkRedirects(policy, push);
  return out;
}
