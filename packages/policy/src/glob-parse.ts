/** gobwas/glob syntax tree: `*`, `**`, `?`, `[abc]`, `[a-z]`, `[!a]`, `{a,b}`, `\x` escapes. */
export type GlobNode =
  | { t: 'lit'; s: string }
  | { t: 'star' }
  | { t: 'super' }
  | { t: 'any' }
  | { t: 'class'; neg: boolean; ranges: [number, number][] }
  | { t: 'alt'; branches: GlobNode[][] };

export class GlobSyntaxError extends Error {
  override readonly name = 'GlobSyntaxError';
}

interface Cursor {
  src: string;
  i: number;
}

function parseClass(c: Cursor): GlobNode {
  const { src } = c;
  c.i++; // [
  let neg = false;
  if (src[c.i] === '!') {
    neg = true;
    c.i++;
  }
  const ranges: [number, number][] = [];
  while (c.i < src.length && src[c.i] !== ']') {
    const lo = src.codePointAt(c.i) as number;
    c.i += lo > 0xffff ? 2 : 1;
    if (src[c.i] === '-' && c.i + 1 < src.length && src[c.i + 1] !== ']') {
      const hi = src.codePointAt(c.i + 1) as number;
      c.i += hi > 0xffff ? 3 : 2;
      if (hi < lo)
        throw new GlobSyntaxError(`invalid range ${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}`);
      ranges.push([lo, hi]);
    } else {
      ranges.push([lo, lo]);
    }
  }
  if (src[c.i] !== ']') throw new GlobSyntaxError("unclosed '['");
  if (ranges.length === 0) throw new GlobSyntaxError("empty '[]'");
  c.i++;
  return { t: 'class', neg, ranges };
}

function pushLit(out: GlobNode[], ch: string): void {
  const last = out[out.length - 1];
  if (last?.t === 'lit') last.s += ch;
  else out.push({ t: 'lit', s: ch });
}

/** Parses until end of input, or until `,`/`}` when inside braces. */
function parseSeq(c: Cursor, inAlt: boolean): GlobNode[] {
  const out: GlobNode[] = [];
  const { src } = c;
  while (c.i < src.length) {
    const ch = src[c.i] as string;
    if (inAlt && (ch === ',' || ch === '}')) return out;
    if (ch === '\\') {
      if (c.i + 1 >= src.length) throw new GlobSyntaxError("trailing '\\'");
      pushLit(out, src[c.i + 1] as string);
      c.i += 2;
    } else if (ch === '*') {
      if (src[c.i + 1] === '*') {
        out.push({ t: 'super' });
        c.i += 2;
      } else {
        out.push({ t: 'star' });
        c.i++;
      }
    } else if (ch === '?') {
      out.push({ t: 'any' });
      c.i++;
    } else if (ch === '[') {
      out.push(parseClass(c));
    } else if (ch === '{') {
      out.push(parseAlt(c));
    } else {
      pushLit(out, ch);
      c.i++;
    }
  }
  return out;
}

function parseAlt(c: Cursor): GlobNode {
  c.i++; // {
  const branches: GlobNode[][] = [];
  for (;;) {
    branches.push(parseSeq(c, true));
    const ch = c.src[c.i];
    if (ch === '}') {
      c.i++;
      return { t: 'alt', branches };
    }
    if (ch !== ',') throw new GlobSyntaxError("unclosed '{'");
    c.i++;
  }
}

/** Parses a gobwas glob; throws GlobSyntaxError on unclosed `[`/`{`, empty `[]`, bad ranges. */
export function parseGlob(pattern: string): GlobNode[] {
  return parseSeq({ src: pattern, i: 0 }, false);
}

/** True when the pattern has no glob meta characters at all (after parsing). */
export function isLiteralGlob(nodes: readonly GlobNode[]): boolean {
  return nodes.length === 0 || (nodes.length === 1 && nodes[0]?.t === 'lit');
}
