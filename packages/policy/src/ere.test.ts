import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ereToRegExp } from './ere';
import { re2ToEre, re2ToRegExp } from './re2';
import { Re2SyntaxError } from './re2-parse';

const atom = fc.constantFrom(
  'a',
  'b',
  '-',
  '.',
  '\\d',
  '\\s',
  '\\w',
  '\\W',
  '[ab]',
  '[^a]',
  '[a-c]',
  '[]a]',
  '[-a]',
  '[[:digit:]]',
  '\\.',
  '\\-',
  '(a|b)',
  '(?:ab|-)',
  '\\b',
  '^',
  '$',
  '{',
  '\\{',
  '(?i:aB)',
  '(?i:[a-b])',
);
const quant = fc.constantFrom('', '', '', '*', '+', '?', '{1,2}', '*?', '{2}');
const pattern = fc
  .array(fc.tuple(atom, quant), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.map(([a, q]) => a + q).join(''));
const input = fc
  .array(fc.constantFrom('a', 'b', 'B', 'c', '1', ' ', '-', '.', '{', ']'), { maxLength: 8 })
  .map((s) => s.join(''));

function translate(p: string) {
  try {
    return { js: re2ToRegExp(p), ere: re2ToEre(p) };
  } catch (err) {
    if (err instanceof Re2SyntaxError) return undefined;
    throw err;
  }
}

describe('ERE translation', () => {
  it('the ERE form (run as glibc would) answers like the RE2 form on random patterns', () => {
    fc.assert(
      fc.property(pattern, input, (p, s) => {
        const t = translate(p);
        if (!t) return true;
        return ereToRegExp(t.ere.ere, t.ere.caseInsensitive).test(s) === t.js.test(s);
      }),
      { numRuns: 5000 },
    );
  });

  it('runs POSIX bracket expressions with a literal backslash and leading ]', () => {
    expect(ereToRegExp('[]a]x', false).test(']x')).toBe(true);
    expect(ereToRegExp('[\\]', false).test('\\')).toBe(true);
    expect(ereToRegExp('[[:space:]]+', false).test('\t')).toBe(true);
    expect(ereToRegExp('A{2}', true).test('xaa')).toBe(true);
  });
});
