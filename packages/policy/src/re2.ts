import { type ClassItem, parseRe2, type Re2Pattern, Re2SyntaxError, type Re2Token } from './re2-parse';

const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');
const ERE_SPECIAL = new Set('.[]()*+?{}|^$\\');
const RE2_SPACE = '\\t\\n\\f\\r ';

const JS_PERL: Record<string, string> = {
  d: '[0-9]',
  D: '[^0-9]',
  s: `[${RE2_SPACE}]`,
  S: `[^${RE2_SPACE}]`,
  w: '[0-9A-Za-z_]',
  W: '[^0-9A-Za-z_]',
};
const ERE_PERL: Record<string, string> = {
  d: '[0-9]',
  D: '[^0-9]',
  s: '[[:space:]]',
  S: '[^[:space:]]',
  w: '[[:alnum:]_]',
  W: '[^[:alnum:]_]',
};

const hex = (cp: number) => `\\u{${cp.toString(16)}}`;

function jsLit(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (JS_SYNTAX.has(ch)) return `\\${ch}`;
  return cp < 0x20 || cp > 0x7e ? hex(cp) : ch;
}

function jsClass(neg: boolean, items: readonly ClassItem[]): string {
  let body = '';
  for (const it of items) {
    if ('lo' in it) body += it.lo === it.hi ? hex(it.lo) : `${hex(it.lo)}-${hex(it.hi)}`;
    else if (it.named === 'd') body += it.neg ? '\\D' : '0-9';
    else if (it.named === 'w') body += it.neg ? '\\W' : '0-9A-Za-z_';
    else body += it.neg ? '\\S' : RE2_SPACE;
  }
  return `[${neg ? '^' : ''}${body}]`;
}

function jsToken(tok: Re2Token, p: Re2Pattern): string {
  switch (tok.t) {
    case 'lit':
      return jsLit(tok.cp);
    case 'dot':
      return p.dotAll ? '[^]' : '[^\\n]';
    case 'bol':
      return p.multiLine ? '(?<![^\\n])' : '^';
    case 'eol':
      return p.multiLine ? '(?![^\\n])' : '$';
    case 'alt':
      return '|';
    case 'open':
      return '(?:';
    case 'flags':
      return '';
    case 'close':
      return ')';
    case 'rep':
      return tok.op + (tok.lazy ? '?' : '');
    case 'class':
      return jsClass(tok.neg, tok.items);
    case 'perl':
      return JS_PERL[tok.c] as string;
    case 'assert':
      return tok.c === 'A' ? '(?<![^])' : tok.c === 'z' ? '(?![^])' : `\\${tok.c}`;
  }
}

/** Compiles Go RE2 syntax to an equivalent JavaScript RegExp. Throws Re2SyntaxError. */
export function re2ToRegExp(source: string): RegExp {
  const p = parseRe2(source);
  const body = p.tokens.map((t) => jsToken(t, p)).join('');
  try {
    return new RegExp(body, p.caseInsensitive ? 'ui' : 'u');
  } catch (err) {
    throw new Re2SyntaxError((err as Error).message);
  }
}

function ereChar(cp: number): string {
  if (cp === 0 || cp > 0x7f)
    throw new Re2SyntaxError('non-ASCII characters in a class are not supported in ERE');
  return String.fromCodePoint(cp);
}

function ereClass(neg: boolean, items: readonly ClassItem[]): string {
  let close = '';
  let caret = '';
  let dash = '';
  let body = '';
  for (const it of items) {
    if (!('lo' in it)) {
      if (it.neg) throw new Re2SyntaxError('negated \\D/\\S/\\W inside [...] is not expressible in ERE');
      body += it.named === 'd' ? '0-9' : it.named === 's' ? '[:space:]' : '[:alnum:]_';
    } else if (it.lo !== it.hi) body += `${ereChar(it.lo)}-${ereChar(it.hi)}`;
    else if (it.lo === 93) close = ']';
    else if (it.lo === 94) caret = '^';
    else if (it.lo === 45) dash = '-';
    else body += ereChar(it.lo);
  }
  if (!neg && caret && !close && !body && !dash) return '\\^';
  return `[${neg ? '^' : ''}${close}${body}${caret}${dash}]`;
}

function ereToken(tok: Re2Token): string {
  switch (tok.t) {
    case 'lit': {
      if (tok.cp === 0) throw new Re2SyntaxError('NUL is not supported in ERE');
      const ch = String.fromCodePoint(tok.cp);
      return ERE_SPECIAL.has(ch) ? `\\${ch}` : ch;
    }
    case 'dot':
      return '.';
    case 'bol':
      return '^';
    case 'eol':
      return '$';
    case 'alt':
      return '|';
    case 'open':
      return '(';
    case 'flags':
      return '';
    case 'close':
      return ')';
    case 'rep':
      return tok.op; // laziness does not change whether a match exists
    case 'class':
      return ereClass(tok.neg, tok.items);
    case 'perl':
      return ERE_PERL[tok.c] as string;
    case 'assert':
      return tok.c === 'A' ? '^' : tok.c === 'z' ? '$' : `\\${tok.c}`;
  }
}

/** An RE2 pattern re-expressed for glibc regcomp(REG_EXTENDED [| REG_ICASE]). */
export interface EreTranslation {
  source: string;
  ere: string;
  caseInsensitive: boolean;
}

/** Translates RE2 to POSIX ERE (+ glibc's \b \B). Throws Re2SyntaxError when not expressible. */
export function re2ToEre(source: string): EreTranslation {
  const p = parseRe2(source);
  return { source, ere: p.tokens.map(ereToken).join(''), caseInsensitive: p.caseInsensitive };
}

export { Re2SyntaxError };
