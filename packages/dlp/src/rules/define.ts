import type { Rule } from '../rule';

type TokenRuleExtra = Partial<Omit<Rule, 'id' | 'display' | 'regex' | 'keywords' | 'maxLength' | 'notAfter'>>;

interface TokenRuleSpec {
  readonly id: string;
  readonly display: string;
  readonly regex: RegExp;
  readonly keywords: readonly string[];
  readonly maxLength: number;
  readonly notAfter?: RegExp;
  readonly keywordStartsMatch?: boolean;
}

/**
 * A secret-family rule (dlp.patterns.api_keys) with the shared false-positive filters on; its
 * matches start with a keyword unless `keywordStartsMatch: false` says otherwise.
 */
export function tokenRule(spec: TokenRuleSpec, extra: TokenRuleExtra = {}): Rule {
  return { group: 'api_keys', commonFilters: true, keywordStartsMatch: true, ...spec, ...extra };
}
