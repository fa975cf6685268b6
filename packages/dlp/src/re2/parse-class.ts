import type { CharSet } from './charset';
import { addRange, complement, emptySet, escapeSet, foldCase, toClass, union } from './charset';

const POSIX: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\t\\n\\v\\f\\r ',
  blank: '\\t ',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

export interface ParsedClass {
  js: string;
  set: CharSet;
  end: number;
}

function readClassChar(src: string, at: number): { code: number; js: string; next: number; set?: CharSet } {
  const ch = src[at] ?? '';
  if (ch !== '\\') return { code: src.charCodeAt(at), js: ch === '/' ? '\\/' : ch, next: at + 1 };
  const letter = src[at + 1] ?? '';
  const set = escapeSet(letter);
  if (set !== undefined) return { code: -1, js: `\\${letter}`, next: at + 2, set };
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11 };
  const code = simple[letter] ?? src.charCodeAt(at + 1);
  return { code, js: `\\${letter}`, next: at + 2 };
}

/** Parses `[...]` starting at `start` (the `[`); throws a plain Error with the reason. */
export function parseClass(src: string, start: number, ignoreCase: boolean): ParsedClass {
  let at = start + 1;
  const negated = src[at] === '^';
  if (negated) at++;
  const set = emptySet();
  let js = '';
  let first = true;
  while (at < src.length && (src[at] !== ']' || first)) {
    first = false;
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(at));
    if (posix !== null) {
      const body = POSIX[posix[2] ?? ''];
      if (body === undefined || posix[1] === '^') throw new Error(`unsupported POSIX class ${posix[0]}`);
      const inner = parseClass(`[${body}]`, 0, false);
      union(set, inner.set);
      js += body;
      at += posix[0].length;
      continue;
    }
    const lo = readClassChar(src, at);
    if (lo.set !== undefined) {
      union(set, lo.set);
      js += lo.js;
      at = lo.next;
      continue;
    }
    if (src[lo.next] === '-' && src[lo.next + 1] !== ']' && lo.next + 1 < src.length) {
      const hi = readClassChar(src, lo.next + 1);
      if (hi.set !== undefined || hi.code < lo.code) throw new Error('invalid character class range');
      addRange(set, lo.code, hi.code);
      js += `${lo.js}-${hi.js}`;
      at = hi.next;
      continue;
    }
    addRange(set, lo.code, lo.code);
    js += lo.js === ']' || lo.js === '[' ? `\\${lo.js}` : lo.js;
    at = lo.next;
  }
  if (at >= src.length) throw new Error('missing ] in character class');
  if (ignoreCase) foldCase(set);
  const finalSet = negated ? complement(set) : set;
  const out = ignoreCase ? `${negated ? '[^' : '['}${toClass(set).slice(1)}` : `[${negated ? '^' : ''}${js}]`;
  return { js: out, set: finalSet, end: at + 1 };
}
