import { createKeywordIndex } from './keyword-index';
import type { Rule } from './rule';

/** Where the rules' regexes are worth running in one text. */
export interface RuleHits {
  /** Keyword hits per rule index, sorted and distinct (empty for rules without keywords). */
  readonly byRule: readonly ArrayLike<number>[];
  /** Hits of the locators the source found itself (others are found by the scanner). */
  readonly located: ReadonlyMap<RegExp, ArrayLike<number>>;
}

/** The first pass of a scan: the TypeScript keyword index or the native scan (native-scan.ts). */
export interface HitSource {
  readonly engine: 'native' | 'js';
  hits(text: string): RuleHits;
}

const NONE: ReadonlyMap<RegExp, ArrayLike<number>> = new Map();

/** The TypeScript hit source: the keyword index; locators are left to the scanner. */
export function createJsHitSource(rules: readonly Rule[]): HitSource {
  const index = createKeywordIndex(rules);
  return { engine: 'js', hits: (text) => ({ byRule: index.hits(text), located: NONE }) };
}
