import { globNodesToRegex } from './glob';
import { type GlobNode, parseGlob } from './glob-parse';

/**
 * Several globs compiled into one matcher: exact strings in a Set, `prefix**` and `**suffix` as
 * string tests, everything else as one anchored alternation. Matches when any glob matches.
 */
export interface GlobSet {
  test(input: string): boolean;
}

interface Parts {
  all: boolean;
  exact: Set<string>;
  prefixes: string[];
  suffixes: string[];
  regexes: string[];
}

function classify(nodes: GlobNode[], sep: string, parts: Parts): void {
  const [a, b] = nodes;
  if (nodes.length === 0) parts.exact.add('');
  else if (nodes.length === 1 && a?.t === 'lit') parts.exact.add(a.s);
  else if (nodes.length === 1 && a?.t === 'super') parts.all = true;
  else if (nodes.length === 2 && a?.t === 'lit' && b?.t === 'super') parts.prefixes.push(a.s);
  else if (nodes.length === 2 && a?.t === 'super' && b?.t === 'lit') parts.suffixes.push(b.s);
  else parts.regexes.push(globNodesToRegex(nodes, sep));
}

function anyPrefix(list: readonly string[], s: string): boolean {
  for (let i = 0; i < list.length; i++) if (s.startsWith(list[i] as string)) return true;
  return false;
}

function anySuffix(list: readonly string[], s: string): boolean {
  for (let i = 0; i < list.length; i++) if (s.endsWith(list[i] as string)) return true;
  return false;
}

/** Compiles `patterns` (gobwas syntax, `separators` as for compileGlob). Throws GlobSyntaxError. */
export function compileGlobSet(patterns: readonly string[], separators: string): GlobSet {
  const parts: Parts = { all: false, exact: new Set(), prefixes: [], suffixes: [], regexes: [] };
  for (const p of patterns) classify(parseGlob(p), separators, parts);
  if (parts.all) return { test: () => true };
  const { exact, prefixes, suffixes } = parts;
  const re = parts.regexes.length > 0 ? new RegExp(`^(?:${parts.regexes.join('|')})$`, 'u') : undefined;
  const hasExact = exact.size > 0;
  return {
    test(s) {
      if (hasExact && exact.has(s)) return true;
      if (prefixes.length > 0 && anyPrefix(prefixes, s)) return true;
      if (suffixes.length > 0 && anySuffix(suffixes, s)) return true;
      return re?.test(s) === true;
    },
  };
}
