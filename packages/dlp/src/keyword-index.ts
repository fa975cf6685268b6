import { createPairTable, pairIndex, scanPairs } from './bigram-scan';
import { precededBy } from './char-class';
import type { Rule } from './rule';

/** A rule a keyword feeds; `guard` drops hits preceded by a character of the rule's notAfter. */
export interface Target {
  readonly rule: number;
  readonly guard: RegExp | undefined;
}

export interface Entry {
  readonly keyword: string;
  readonly ignoreCase: boolean;
  readonly rules: Target[];
}

/** Finds every keyword of every rule in one pass over the text. */
export interface KeywordIndex {
  /** Hit offsets per rule index (sorted, distinct; rules without keywords get an empty list). */
  hits(text: string): number[][];
}

function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function entryMatches(text: string, at: number, entry: Entry): boolean {
  const { keyword, ignoreCase } = entry;
  if (at + keyword.length > text.length) return false;
  for (let k = 0; k < keyword.length; k++) {
    const c = text.charCodeAt(at + k);
    if ((ignoreCase ? lowerCode(c) : c) !== keyword.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Where a match starts at its keyword (or the rule wants keywords at token starts), a hit preceded
 * by a notAfter character can never match: it is dropped here, before it costs anything.
 */
function startGuard(rule: Rule): RegExp | undefined {
  const atStart = rule.keywordAtTokenStart === true || rule.keywordStartsMatch === true;
  return atStart ? rule.notAfter : undefined;
}

/** The distinct (keyword, case mode) pairs of the rules, each with the rules it feeds. */
export function buildEntries(rules: readonly Rule[]): Entry[] {
  const byKey = new Map<string, Entry>();
  rules.forEach((rule, index) => {
    for (const keyword of rule.keywords) {
      const ignoreCase = rule.regex.ignoreCase;
      const key = `${ignoreCase ? 'i' : 's'}:${keyword}`;
      const entry = byKey.get(key) ?? { keyword, ignoreCase, rules: [] };
      entry.rules.push({ rule: index, guard: startGuard(rule) });
      byKey.set(key, entry);
    }
  });
  return [...byKey.values()];
}

function record(text: string, hits: number[][], entry: Entry, at: number): void {
  for (const { rule, guard } of entry.rules) {
    if (guard !== undefined && precededBy(text, at, guard)) continue;
    const list = hits[rule] as number[];
    if (list[list.length - 1] !== at) list.push(at);
  }
}

/** One-character keywords (`@`) are found with indexOf, which is faster than any scan. */
function findSingle(text: string, entry: Entry, hits: number[][]): void {
  const upper = entry.ignoreCase ? entry.keyword.toUpperCase() : entry.keyword;
  for (const keyword of new Set([entry.keyword, upper])) {
    for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1))
      record(text, hits, entry, at);
  }
  if (upper !== entry.keyword) for (const { rule } of entry.rules) hits[rule]?.sort((a, b) => a - b);
}

/**
 * Builds the keyword index: a table over case-folded character pairs (bigram-scan.ts) finds, in
 * one pass, each position where the first two characters of some keyword start; the keywords of
 * that pair's bucket are then compared there (exact case or folded, per rule), so keywords that
 * are prefixes of others are not lost. Hits come out sorted per rule.
 */
export function createKeywordIndex(rules: readonly Rule[]): KeywordIndex {
  const entries = buildEntries(rules);
  const singles = entries.filter((e) => e.keyword.length === 1);
  const paired = entries.filter((e) => e.keyword.length > 1);
  const pairedRules = new Set(paired.flatMap((e) => e.rules.map((t) => t.rule)));
  /** Rules with one-character and longer keywords: their two hit lists are merged after the scan. */
  const mixed = [...new Set(singles.flatMap((e) => e.rules.map((t) => t.rule)))].filter((r) =>
    pairedRules.has(r),
  );
  const bucketOfPair = new Map<number, number>();
  const bucketEntries: Entry[][] = [[]];
  for (const entry of paired) {
    const pair = pairIndex(entry.keyword);
    let bucket = bucketOfPair.get(pair);
    if (bucket === undefined) {
      bucket = bucketEntries.length;
      bucketOfPair.set(pair, bucket);
      bucketEntries.push([]);
    }
    bucketEntries[bucket]?.push(entry);
  }
  const table = createPairTable(bucketEntries.slice(1).map((group) => group.map((e) => e.keyword)));
  return {
    hits(text) {
      const hits: number[][] = rules.map(() => []);
      if (paired.length > 0) {
        scanPairs(text, table, (at, bucket) => {
          for (const entry of bucketEntries[bucket] as Entry[]) {
            if (entryMatches(text, at, entry)) record(text, hits, entry, at);
          }
        });
      }
      for (const entry of singles) findSingle(text, entry, hits);
      for (const rule of mixed) hits[rule] = [...new Set(hits[rule])].sort((a, b) => a - b);
      return hits;
    },
  };
}
