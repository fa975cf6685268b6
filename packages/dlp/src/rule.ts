/** Config toggle a rule belongs to (agentsh's dlp.patterns keys), or `custom` for config patterns. */
export type RuleGroup = 'email' | 'phone' | 'credit_card' | 'ssn' | 'api_keys' | 'custom';

/** Named checks a candidate must pass after its regex matched (see validators.ts). */
export type ValidatorName = 'luhn' | 'github-crc32' | 'jwt-header' | 'mixed-token' | 'generic-secret';

/**
 * One detection rule, as data.
 *
 * - `regex` must carry the `g` flag. If it has a named group `secret`, that group is the secret and must
 *   end where the match ends (terminators are written as lookaheads); otherwise the whole match is.
 * - `keywords` are literals of which every match contains at least one (exact case, or lowercase
 *   and matched case-insensitively when the regex has the `i` flag). The scanner runs the regex
 *   only in windows around keyword hits; an empty list means "scan everything".
 * - `notAfter` is a one-character class the character before a match must not belong to (a token
 *   boundary checked outside the regex, so V8 can skip ahead on the regex's literal prefix).
 * - `maxLength` bounds the match length in UTF-16 units; the streaming redactor holds back this much.
 * - `blockEnd`, when set, extends a match (a header) to the end of that literal, or, when the end is
 *   missing, over the following base64 body (PEM blocks).
 */
export interface Rule {
  readonly id: string;
  readonly display: string;
  readonly group: RuleGroup;
  readonly regex: RegExp;
  readonly keywords: readonly string[];
  /** Every match starts with one of the keywords: the regex runs only (sticky) at keyword hits. */
  readonly keywordStartsMatch?: boolean;
  /** Count a keyword hit only where a token starts (the preceding character fails `notAfter`). */
  readonly keywordAtTokenStart?: boolean;
  readonly notAfter?: RegExp;
  readonly maxLength: number;
  readonly minEntropy?: number;
  readonly validator?: ValidatorName;
  /** Apply the shared false-positive filters (placeholders, EXAMPLE keys, all-same characters). */
  readonly commonFilters?: boolean;
  /** Reject a secret that is a bare UUID or a 40/64-hex digest (no secret context in the rule). */
  readonly rejectBareIds?: boolean;
  /** Lowercase substrings that make a candidate a known false positive. */
  readonly stopwords?: readonly string[];
  /** Regexes tested against the secret; a hit rejects the candidate. */
  readonly allow?: readonly RegExp[];
  readonly blockEnd?: string;
  /**
   * Anchor the search on a character instead of running the regex everywhere: find `char`, walk
   * left over up to `maxLeft` characters of `left`, and run the regex (sticky) from there. Used
   * for e-mail addresses, whose start cannot be found quickly by a regex scan.
   */
  readonly anchor?: { readonly char: string; readonly left: RegExp; readonly maxLeft: number };
  /**
   * For a rule without keywords: a cheap regex (`g` flag, bounded repeats) of which every match of
   * the rule contains a match. The rule's regex then runs only in windows of maxLength around the
   * locator's hits instead of over the whole text. Rules may share one locator (found once).
   */
  readonly locator?: RegExp;
  /**
   * For a rule whose matches start at a keyword: steps every match must begin with, read from the
   * keyword hit (a relaxation of the regex: lookarounds dropped, alternatives merged into classes,
   * repeats cut short). The native scan drops hits that cannot pass them before any regex runs; the
   * TypeScript scan ignores the field, and a test checks that every match passes its chain.
   */
  readonly follow?: readonly FollowStep[];
}

/**
 * One step of a rule's `follow` chain: between `min` and `max` characters of the one-character
 * class `chars`.
 */
export interface FollowStep {
  readonly chars: RegExp;
  readonly min: number;
  readonly max: number;
}

/** A raw detection before overlaps are resolved. Offsets are UTF-16 code units, end exclusive. */
export interface Candidate {
  readonly ruleIndex: number;
  readonly start: number;
  readonly end: number;
}

/** What scan() reports: never the value, only where it is and a short fingerprint of it. */
export interface Finding {
  readonly ruleId: string;
  readonly display: string;
  readonly start: number;
  readonly end: number;
  readonly fingerprint: string;
}

/** Bytes of context the scanner keeps around a window for lookbehind and lookahead. */
export const CONTEXT_MARGIN = 32;

/** Longest match any of the rules can produce (the streaming hold-back). */
export function maxRuleLength(rules: readonly Rule[]): number {
  let max = 0;
  for (const rule of rules) max = Math.max(max, rule.maxLength);
  return max;
}
