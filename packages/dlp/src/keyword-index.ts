import type { Rule } from './rule';

interface Entry {
  readonly keyword: string;
  readonly ignoreCase: boolean;
  readonly rules: number[];
}

/** Finds every keyword of every rule in two regex passes over the text. */
export interface KeywordIndex {
  /** Hit offsets per rule index (sorted; rules without keywords get an empty list). */
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

function buildEntries(rules: readonly Rule[]): Entry[] {
  const byKey = new Map<string, Entry>();
  rules.forEach((rule, index) => {
    for (const keyword of rule.keywords) {
      const ignoreCase = rule.regex.ignoreCase;
      const key = `${ignoreCase ? 'i' : 's'}:${keyword}`;
      const entry = byKey.get(key) ?? { keyword, ignoreCase, rules: [] };
      entry.rules.push(index);
      byKey.set(key, entry);
    }
  });
  return [...byKey.values()];
}

function escapeLiteral(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** One case mode: an alternation regex (longest first) plus the entries by first character. */
interface Pass {
  readonly finder: RegExp;
  readonly byFirst: Map<number, Entry[]>;
  readonly ignoreCase: boolean;
}

function buildPass(entries: readonly Entry[], ignoreCase: boolean): Pass | undefined {
  if (entries.length === 0) return undefined;
  const sorted = [...entries].sort((a, b) => b.keyword.length - a.keyword.length);
  const finder = new RegExp(sorted.map((e) => escapeLiteral(e.keyword)).join('|'), ignoreCase ? 'gi' : 'g');
  const byFirst = new Map<number, Entry[]>();
  for (const entry of sorted) {
    const first = entry.keyword.charCodeAt(0);
    byFirst.set(first, [...(byFirst.get(first) ?? []), entry]);
  }
  return { finder, byFirst, ignoreCase };
}

function runPass(text: string, pass: Pass, hits: number[][]): void {
  const { finder, byFirst, ignoreCase } = pass;
  finder.lastIndex = 0;
  for (let m = finder.exec(text); m !== null; m = finder.exec(text)) {
    const at = m.index;
    const code = text.charCodeAt(at);
    for (const entry of byFirst.get(ignoreCase ? lowerCode(code) : code) ?? []) {
      if (!entryMatches(text, at, entry)) continue;
      for (const rule of entry.rules) hits[rule]?.push(at);
    }
    finder.lastIndex = at + 1;
  }
}

/** One-character keywords (`@`) are found with indexOf, which is faster than any regex. */
function findSingle(text: string, entry: Entry, hits: number[][]): void {
  const upper = entry.ignoreCase ? entry.keyword.toUpperCase() : entry.keyword;
  for (const keyword of new Set([entry.keyword, upper])) {
    for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
      for (const rule of entry.rules) hits[rule]?.push(at);
    }
  }
  if (upper !== entry.keyword) for (const rule of entry.rules) hits[rule]?.sort((a, b) => a - b);
}

/**
 * Builds the keyword index: one alternation regex per case mode finds each position where some
 * keyword starts (V8 compiles it to native code); every keyword starting there is then recorded,
 * so keywords that are prefixes of others are not lost. A rule's keywords share its regex's case
 * mode, so each rule's hits come out sorted.
 */
export function createKeywordIndex(rules: readonly Rule[]): KeywordIndex {
  const entries = buildEntries(rules);
  const multi = entries.filter((e) => e.keyword.length > 1);
  const singles = entries.filter((e) => e.keyword.length === 1);
  const passes = [
    buildPass(
      multi.filter((e) => !e.ignoreCase),
      false,
    ),
    buildPass(
      multi.filter((e) => e.ignoreCase),
      true,
    ),
  ].filter((p): p is Pass => p !== undefined);
  return {
    hits(text) {
      const hits: number[][] = rules.map(() => []);
      for (const pass of passes) runPass(text, pass, hits);
      for (const entry of singles) findSingle(text, entry, hits);
      return hits;
    },
  };
}
