import type { Re2Node } from './ast';
import { MAX_REPEAT } from './ast';
import type { CharSet } from './charset';
import { addRange, complement, emptySet, escapeSet } from './charset';
import { parseClass } from './parse-class';

interface State {
  src: string;
  at: number;
  ignoreCase: boolean;
  flags: Set<string>;
}

function literal(ch: string, state: State): Re2Node {
  const set = emptySet();
  const code = ch.charCodeAt(0);
  addRange(set, code, code);
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (state.ignoreCase && lower !== upper) {
    addRange(set, lower.charCodeAt(0), lower.charCodeAt(0));
    addRange(set, upper.charCodeAt(0), upper.charCodeAt(0));
    return { kind: 'atom', js: `[${lower}${upper}]`, set };
  }
  const js = /[\\^$.|?*+()[\]{}/]/.test(ch) ? `\\${ch}` : ch;
  return { kind: 'atom', js, set };
}

function parseEscape(state: State): Re2Node {
  const letter = state.src[state.at + 1] ?? '';
  state.at += 2;
  const set = escapeSet(letter);
  if (set !== undefined) return { kind: 'atom', js: `\\${letter}`, set };
  if (letter === 'b' || letter === 'B') return { kind: 'assert', js: `\\${letter}` };
  if (letter === 'A') return { kind: 'assert', js: '(?<![\\s\\S])' };
  if (letter === 'z') return { kind: 'assert', js: '(?![\\s\\S])' };
  if (/[1-9]/.test(letter)) throw new Error('backreferences are not RE2 syntax');
  if (letter === 'Q') {
    const end = state.src.indexOf('\\E', state.at);
    const text = state.src.slice(state.at, end < 0 ? undefined : end);
    state.at = end < 0 ? state.src.length : end + 2;
    return { kind: 'group', open: '(?:', alternatives: [[...text].map((ch) => literal(ch, state))] };
  }
  if (/[pPCx]/.test(letter)) throw new Error(`\\${letter} escapes are not supported`);
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
  return literal(simple[letter] ?? letter, state);
}

function parseGroupOpen(state: State): string | undefined {
  const rest = state.src.slice(state.at);
  if (/^\(\?(?:=|!|<=|<!)/.test(rest)) throw new Error('lookaround is not RE2 syntax');
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named !== null) {
    state.at += named[0].length;
    return `(?<${named[1]}>`;
  }
  const flags = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
  if (flags === null) {
    if (rest.startsWith('(?')) throw new Error('unknown group syntax');
    state.at += 1;
    return '(';
  }
  if (`${flags[1]}${flags[2] ?? ''}`.includes('U')) throw new Error('the U (ungreedy) flag is not supported');
  state.at += flags[0].length;
  const on = flags[1] ?? '';
  const atStart = state.at === flags[0].length && flags[3] === ')';
  if (atStart) for (const f of on) state.flags.add(f);
  else if (on.includes('i')) state.ignoreCase = true;
  if (!atStart && /[ms]/.test(on))
    throw new Error('m and s flags are only supported at the start of the pattern');
  if (flags[2]?.includes('i')) state.ignoreCase = false;
  return flags[3] === ':' ? '(?:' : undefined;
}

function parseAtom(state: State): Re2Node | undefined {
  const ch = state.src[state.at] ?? '';
  if (ch === '(') {
    const saved = state.ignoreCase;
    const open = parseGroupOpen(state);
    if (open === undefined) return undefined;
    const alternatives = parseAlternatives(state);
    if (state.src[state.at] !== ')') throw new Error('missing )');
    state.at++;
    state.ignoreCase = saved;
    return { kind: 'group', open, alternatives };
  }
  if (ch === '[') {
    const parsed = parseClass(state.src, state.at, state.ignoreCase);
    state.at = parsed.end;
    return { kind: 'atom', js: parsed.js, set: parsed.set };
  }
  if (ch === '\\') return parseEscape(state);
  state.at++;
  if (ch === '.') {
    const newline: CharSet = emptySet();
    addRange(newline, 10, 10);
    return {
      kind: 'atom',
      js: '.',
      set: state.flags.has('s') ? complement(emptySet()) : complement(newline),
    };
  }
  if (ch === '^') return { kind: 'assert', js: '(?<![^\\n])' };
  if (ch === '$') return { kind: 'assert', js: '(?![^\\n])' };
  return literal(ch, state);
}

function parseQuantifier(state: State, node: Re2Node): Re2Node {
  const rest = state.src.slice(state.at);
  const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})(\??)([+]?)/.exec(rest);
  if (m === null) return node;
  if (m[6] === '+') throw new Error('possessive repeats are not RE2 syntax');
  state.at += m[0].length;
  let min = 0;
  let max = 1;
  if (m[1] === '*') max = Number.POSITIVE_INFINITY;
  else if (m[1] === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
  else if (m[2] !== undefined) {
    min = Number(m[2]);
    max = m[3] === undefined ? min : m[4] === '' ? Number.POSITIVE_INFINITY : Number(m[4]);
  }
  if (min > 1000 || (max !== Number.POSITIVE_INFINITY && max > 1000) || max < min) {
    throw new Error('repeat count out of range (RE2 allows at most 1000)');
  }
  if (node.kind === 'assert') throw new Error('a repeat needs something to repeat');
  const capped = max === Number.POSITIVE_INFINITY ? Math.max(MAX_REPEAT, min) : max;
  return { kind: 'repeat', node, min, max: capped, lazy: m[5] === '?' };
}

function parseSequence(state: State): Re2Node[] {
  const nodes: Re2Node[] = [];
  while (state.at < state.src.length && state.src[state.at] !== '|' && state.src[state.at] !== ')') {
    const atom = parseAtom(state);
    if (atom !== undefined) nodes.push(parseQuantifier(state, atom));
  }
  return nodes;
}

function parseAlternatives(state: State): Re2Node[][] {
  const alternatives = [parseSequence(state)];
  while (state.src[state.at] === '|') {
    state.at++;
    alternatives.push(parseSequence(state));
  }
  return alternatives;
}

/** Parses an RE2 pattern; throws a plain Error naming what is unsupported. */
export function parseRe2(src: string): { alternatives: Re2Node[][]; flags: Set<string> } {
  const state: State = { src, at: 0, ignoreCase: false, flags: new Set() };
  const alternatives = parseAlternatives(state);
  if (state.at < src.length) throw new Error(`unbalanced ) at offset ${state.at}`);
  return { alternatives, flags: state.flags };
}
