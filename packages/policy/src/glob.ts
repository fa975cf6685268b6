import { type GlobNode, isLiteralGlob, parseGlob } from './glob-parse';

/** A compiled glob: `test(s)` answers whether the whole of `s` matches. */
export interface GlobMatcher {
  readonly pattern: string;
  test(input: string): boolean;
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

function escapeRegex(s: string): string {
  return s.replace(REGEX_SPECIAL, '\\$&');
}

function codePointEscape(ch: string): string {
  return `\\u{${(ch.codePointAt(0) as number).toString(16)}}`;
}

function classSource(node: Extract<GlobNode, { t: 'class' }>): string {
  let body = '';
  for (const [lo, hi] of node.ranges) {
    body += lo === hi ? `\\u{${lo.toString(16)}}` : `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`;
  }
  return node.neg ? `[^${body}]` : `[${body}]`;
}

/** Regex source (unanchored, `u` flag) for a parsed glob; `sep` lists separator characters. */
export function globNodesToRegex(nodes: readonly GlobNode[], sep: string): string {
  const notSep = sep === '' ? '[^]' : `[^${[...sep].map(codePointEscape).join('')}]`;
  let out = '';
  for (const node of nodes) {
    switch (node.t) {
      case 'lit':
        out += escapeRegex(node.s);
        break;
      case 'star':
        out += `${notSep}*`;
        break;
      case 'super':
        out += '[^]*';
        break;
      case 'any':
        out += notSep;
        break;
      case 'class':
        out += classSource(node);
        break;
      case 'alt':
        out += `(?:${node.branches.map((b) => globNodesToRegex(b, sep)).join('|')})`;
        break;
    }
  }
  return out;
}

/**
 * Compiles a gobwas-style glob once. `separators` are the characters `*` and `?` do not cross
 * ('/' for paths, '.' for domains, '' for none). Throws GlobSyntaxError on a malformed pattern.
 */
export function compileGlob(pattern: string, separators: string): GlobMatcher {
  const nodes = parseGlob(pattern);
  if (isLiteralGlob(nodes)) {
    const lit = nodes.length === 0 ? '' : (nodes[0] as { s: string }).s;
    return { pattern, test: (input) => input === lit };
  }
  const re = new RegExp(`^${globNodesToRegex(nodes, separators)}$`, 'u');
  return { pattern, test: (input) => re.test(input) };
}
