import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob';
import { type GlobNode, GlobSyntaxError, parseGlob } from './glob-parse';
import { compileGlobSet } from './glob-set';

/** Slow, obviously-correct backtracking reference over code points. */
function refMatch(nodes: readonly GlobNode[], s: readonly string[], pos: number, sep: string): boolean {
  if (nodes.length === 0) return pos === s.length;
  const [head, ...rest] = nodes as [GlobNode, ...GlobNode[]];
  switch (head.t) {
    case 'lit': {
      const lit = [...head.s];
      for (let k = 0; k < lit.length; k++) if (s[pos + k] !== lit[k]) return false;
      return refMatch(rest, s, pos + lit.length, sep);
    }
    case 'star':
      for (let k = pos; k <= s.length; k++) {
        if (refMatch(rest, s, k, sep)) return true;
        if (k < s.length && sep.includes(s[k] as string)) return false;
      }
      return false;
    case 'super':
      for (let k = pos; k <= s.length; k++) if (refMatch(rest, s, k, sep)) return true;
      return false;
    case 'any':
      return pos < s.length && !sep.includes(s[pos] as string) && refMatch(rest, s, pos + 1, sep);
    case 'class': {
      if (pos >= s.length) return false;
      const cp = (s[pos] as string).codePointAt(0) as number;
      const inside = head.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
      return inside !== head.neg && refMatch(rest, s, pos + 1, sep);
    }
    case 'alt':
      return head.branches.some((b) => refMatch([...b, ...rest], s, pos, sep));
  }
}

const reference = (pattern: string, input: string, sep: string) =>
  refMatch(parseGlob(pattern), [...input], 0, sep);

const token = fc.constantFrom(
  'a',
  'b',
  '/',
  '.',
  '*',
  '**',
  '?',
  '[ab]',
  '[!a]',
  '[a-c]',
  '{a,b/}',
  '{*,x}',
  '\\*',
  'é',
);
const patternArb = fc.array(token, { maxLength: 7 }).map((t) => t.join(''));
const inputArb = fc
  .array(fc.constantFrom('a', 'b', 'c', '/', '.', '*', 'x', 'é'), { maxLength: 9 })
  .map((t) => t.join(''));

describe('compileGlob', () => {
  it.each([
    ['/usr/**', '/usr/bin/ls', true],
    ['/usr/**', '/usr/', true],
    ['/usr/**', '/usr', false],
    ['/tmp/*', '/tmp/a/b', false],
    ['**/.env', '/root/app/.env', true],
    ['**/.env.*', '/root/.env.local', true],
    ['/etc/{hosts,passwd}', '/etc/passwd', true],
    ['/dev/fd/**', '/dev/fd/3', true],
    ['/a/[!b]c', '/a/xc', true],
    ['/a/?', '/a/bc', false],
  ])('path glob %s vs %s -> %s', (pattern, input, want) => {
    expect(compileGlob(pattern, '/').test(input)).toBe(want);
  });

  it.each([
    ['*.evil.com', 'sub.evil.com', true],
    ['*.evil.com', 'a.b.evil.com', false],
    ['*.evil.com', 'evil.com', false],
    ['*', 'localhost', true],
    ['*', 'github.com', false],
  ])('domain glob %s vs %s -> %s', (pattern, input, want) => {
    expect(compileGlob(pattern, '.').test(input)).toBe(want);
  });

  it('rejects malformed patterns', () => {
    for (const bad of ['/a/[bc', '/a/{b,c', '/a/[]', 'x\\', '[z-a]']) {
      expect(() => compileGlob(bad, '/'), bad).toThrow(GlobSyntaxError);
    }
  });

  it('agrees with the reference matcher (/ separator)', () => {
    fc.assert(
      fc.property(patternArb, inputArb, (p, s) => compileGlob(p, '/').test(s) === reference(p, s, '/')),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference matcher (. separator and none)', () => {
    fc.assert(
      fc.property(patternArb, inputArb, (p, s) => {
        return (
          compileGlob(p, '.').test(s) === reference(p, s, '.') &&
          compileGlob(p, '').test(s) === reference(p, s, '')
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('glob sets agree with any-of the single globs', () => {
    fc.assert(
      fc.property(fc.array(patternArb, { minLength: 1, maxLength: 4 }), inputArb, (ps, s) => {
        const want = ps.some((p) => reference(p, s, '/'));
        return compileGlobSet(ps, '/').test(s) === want;
      }),
      { numRuns: 2000 },
    );
  });
});
