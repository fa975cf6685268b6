/**
 * A small tokenizer for Go RE2 syntax, enough to re-emit a pattern as a JavaScript RegExp and as a
 * POSIX ERE with the same match/no-match answer. Unsupported RE2 features throw Re2SyntaxError.
 */
export type ClassItem = { lo: number; hi: number } | { named: 'd' | 's' | 'w'; neg: boolean };

export type Re2Token =
  | { t: 'lit'; cp: number }
  | { t: 'dot' }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'alt' }
  | { t: 'open'; icase?: boolean }
  | { t: 'flags'; icase: boolean }
  | { t: 'close' }
  | { t: 'rep'; op: string; lazy: boolean }
  | { t: 'class'; neg: boolean; items: ClassItem[] }
  | { t: 'perl'; c: 'd' | 'D' | 's' | 'S' | 'w' | 'W' }
  | { t: 'assert'; c: 'b' | 'B' | 'A' | 'z' };

export interface Re2Pattern {
  tokens: Re2Token[];
  caseInsensitive: boolean;
  dotAll: boolean;
  multiLine: boolean;
}

export class Re2SyntaxError extends Error {
  override readonly name = 'Re2SyntaxError';
}

const POSIX: Record<string, [number, number][]> = {
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122],
  ],
  alpha: [
    [65, 90],
    [97, 122],
  ],
  digit: [[48, 57]],
  lower: [[97, 122]],
  upper: [[65, 90]],
  space: [
    [9, 13],
    [32, 32],
  ],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102],
  ],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126],
  ],
  word: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122],
  ],
  blank: [
    [9, 9],
    [32, 32],
  ],
  cntrl: [
    [0, 31],
    [127, 127],
  ],
  print: [[32, 126]],
  graph: [[33, 126]],
  ascii: [[0, 127]],
};

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };

interface Cursor {
  src: string;
  i: number;
}

function fail(c: Cursor, what: string): never {
  throw new Re2SyntaxError(`${what} at offset ${c.i}`);
}

function readHex(c: Cursor): number {
  const { src } = c;
  let m: RegExpMatchArray | null;
  if (src[c.i] === '{') {
    m = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(c.i));
  } else {
    m = /^([0-9a-fA-F]{2})/.exec(src.slice(c.i));
  }
  if (!m?.[1]) fail(c, 'invalid \\x escape');
  c.i += m[0].length;
  return Number.parseInt(m[1], 16);
}

/** Reads the escape after a backslash (cursor on the char after '\'). */
function readEscape(c: Cursor, inClass: boolean): Re2Token | ClassItem {
  const ch = c.src[c.i];
  if (ch === undefined) fail(c, 'trailing backslash');
  c.i++;
  if (ch === 'x') {
    const cp = readHex(c);
    return inClass ? { lo: cp, hi: cp } : { t: 'lit', cp };
  }
  if (ch in SIMPLE_ESCAPES) {
    const cp = SIMPLE_ESCAPES[ch] as number;
    return inClass ? { lo: cp, hi: cp } : { t: 'lit', cp };
  }
  if ('dDsSwW'.includes(ch)) {
    const lower = ch.toLowerCase() as 'd' | 's' | 'w';
    return inClass ? { named: lower, neg: ch !== lower } : { t: 'perl', c: ch as 'd' };
  }
  if (!inClass && 'bBAz'.includes(ch)) return { t: 'assert', c: ch as 'b' };
  if (/[0-9]/.test(ch)) fail(c, 'backreferences and octal escapes are not supported');
  if (/[A-Za-z]/.test(ch)) fail(c, `unsupported escape \\${ch}`);
  const cp = ch.codePointAt(0) as number;
  return inClass ? { lo: cp, hi: cp } : { t: 'lit', cp };
}

function readClassAtom(c: Cursor): ClassItem | ClassItem[] {
  const { src } = c;
  if (src.startsWith('[:', c.i)) {
    const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(c.i));
    const ranges = m ? POSIX[m[2] as string] : undefined;
    if (!m || !ranges) fail(c, 'invalid POSIX class');
    if (m[1]) fail(c, 'negated POSIX classes are not supported');
    c.i += m[0].length;
    return ranges.map(([lo, hi]) => ({ lo, hi }));
  }
  if (src[c.i] === '\\') {
    c.i++;
    return readEscape(c, true) as ClassItem;
  }
  const cp = src.codePointAt(c.i) as number;
  c.i += cp > 0xffff ? 2 : 1;
  return { lo: cp, hi: cp };
}

function readClass(c: Cursor): Re2Token {
  c.i++; // [
  let neg = false;
  if (c.src[c.i] === '^') {
    neg = true;
    c.i++;
  }
  const items: ClassItem[] = [];
  let first = true;
  while (c.i < c.src.length && (c.src[c.i] !== ']' || first)) {
    first = false;
    const atom = readClassAtom(c);
    if (Array.isArray(atom)) {
      items.push(...atom);
      continue;
    }
    if ('lo' in atom && c.src[c.i] === '-' && c.src[c.i + 1] !== ']' && c.i + 1 < c.src.length) {
      c.i++;
      const hi = readClassAtom(c);
      if (Array.isArray(hi) || !('lo' in hi) || hi.lo < atom.lo) fail(c, 'invalid character class range');
      items.push({ lo: atom.lo, hi: hi.lo });
    } else items.push(atom);
  }
  if (c.src[c.i] !== ']') fail(c, "missing closing ']'");
  c.i++;
  return { t: 'class', neg, items };
}

function readGroup(c: Cursor, out: Re2Pattern): Re2Token | undefined {
  const rest = c.src.slice(c.i);
  const named = /^\(\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(rest);
  if (named) {
    c.i += named[0].length;
    return { t: 'open' };
  }
  if (rest.startsWith('(?:')) {
    c.i += 3;
    return { t: 'open' };
  }
  const flags = /^\(\?([imsU]*)(?:-([imsU]+))?([:)])/.exec(rest);
  if (flags && (flags[1] || flags[2])) {
    const on = flags[1] ?? '';
    const off = flags[2] ?? '';
    c.i += flags[0].length;
    const atStart = out.tokens.length === 0 && flags[3] === ')' && off === '';
    if (atStart) {
      out.caseInsensitive ||= on.includes('i');
      out.dotAll ||= on.includes('s');
      out.multiLine ||= on.includes('m');
      return undefined;
    }
    if (/[sm]/.test(on + off)) fail(c, 'flags s and m are only supported at the start of the pattern');
    const icase = on.includes('i') ? true : off.includes('i') ? false : undefined;
    if (flags[3] === ':') return icase === undefined ? { t: 'open' } : { t: 'open', icase };
    return icase === undefined ? undefined : { t: 'flags', icase };
  }
  if (rest.startsWith('(?')) fail(c, 'unsupported group syntax (RE2 has no lookaround)');
  c.i++;
  return { t: 'open' };
}

function readRepeat(c: Cursor): Re2Token | undefined {
  const m = /^(\*|\+|\?|\{\d+(?:,\d*)?\})(\??)/.exec(c.src.slice(c.i));
  if (!m) return undefined;
  c.i += m[0].length;
  return { t: 'rep', op: m[1] as string, lazy: m[2] === '?' };
}

function readToken(c: Cursor, out: Re2Pattern): Re2Token | undefined {
  const ch = c.src[c.i] as string;
  const single: Record<string, Re2Token> = {
    '.': { t: 'dot' },
    '^': { t: 'bol' },
    $: { t: 'eol' },
    '|': { t: 'alt' },
  };
  if (ch in single) {
    c.i++;
    return single[ch];
  }
  if (ch === '(') return readGroup(c, out);
  if (ch === ')') {
    c.i++;
    return { t: 'close' };
  }
  if (ch === '[') return readClass(c);
  const rep = readRepeat(c);
  if (rep) return rep;
  if (ch === '\\') {
    c.i++;
    if (c.src[c.i] === 'Q') fail(c, '\\Q...\\E is not supported');
    return readEscape(c, false) as Re2Token;
  }
  const cp = c.src.codePointAt(c.i) as number;
  c.i += cp > 0xffff ? 2 : 1;
  return { t: 'lit', cp };
}

const isLower = (cp: number) => cp >= 97 && cp <= 122;
const isUpper = (cp: number) => cp >= 65 && cp <= 90;

/** Adds the other ASCII case of every letter range (scoped (?i) without a global flag). */
function foldItems(items: readonly ClassItem[]): ClassItem[] {
  const out = [...items];
  for (const it of items) {
    if (!('lo' in it)) continue;
    const lo = Math.max(it.lo, 97);
    const hi = Math.min(it.hi, 122);
    if (lo <= hi) out.push({ lo: lo - 32, hi: hi - 32 });
    const ulo = Math.max(it.lo, 65);
    const uhi = Math.min(it.hi, 90);
    if (ulo <= uhi) out.push({ lo: ulo + 32, hi: uhi + 32 });
  }
  return out;
}

function fold(tok: Re2Token): Re2Token {
  if (tok.t === 'lit' && (isLower(tok.cp) || isUpper(tok.cp))) {
    return { t: 'class', neg: false, items: foldItems([{ lo: tok.cp, hi: tok.cp }]) };
  }
  if (tok.t === 'class') return { ...tok, items: foldItems(tok.items) };
  return tok;
}

/** Tokenizes an RE2 pattern. Throws Re2SyntaxError for malformed or unsupported syntax. */
export function parseRe2(source: string): Re2Pattern {
  const out: Re2Pattern = { tokens: [], caseInsensitive: false, dotAll: false, multiLine: false };
  const c: Cursor = { src: source, i: 0 };
  let depth = 0;
  const icase: boolean[] = [false];
  while (c.i < source.length) {
    const tok = readToken(c, out);
    if (!tok) continue;
    if (tok.t === 'flags') {
      if (out.caseInsensitive && !tok.icase) fail(c, '(?-i) after a leading (?i) is not supported');
      icase[icase.length - 1] = tok.icase;
      continue;
    }
    if (tok.t === 'rep') {
      const prev = out.tokens[out.tokens.length - 1];
      if (!prev || ['open', 'alt', 'bol', 'rep'].includes(prev.t))
        fail(c, 'missing argument to repetition operator');
    }
    if (tok.t === 'open') {
      if (tok.icase === false && out.caseInsensitive)
        fail(c, '(?-i:...) after a leading (?i) is not supported');
      depth++;
      icase.push(tok.icase ?? (icase[icase.length - 1] as boolean));
    }
    if (tok.t === 'close') {
      if (--depth < 0) fail(c, "unexpected ')'");
      icase.pop();
    }
    const scoped = icase[icase.length - 1] === true && !out.caseInsensitive;
    out.tokens.push(scoped ? fold(tok) : tok);
  }
  if (depth !== 0) fail(c, "missing closing ')'");
  return out;
}
