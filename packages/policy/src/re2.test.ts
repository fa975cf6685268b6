import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Re2SyntaxError, re2ToEre, re2ToRegExp } from './re2';

const CASES: [string, string, boolean][] = [
  ['push.*(--force|-f)', 'push origin main --force', true],
  ['push.*(--force|-f)', 'pull origin', false],
  ['push.*(origin\\s+)?(main|master)', 'push origin  master', true],
  ['.*-r.*', '-rf /tmp/x', true],
  ['.*--recursive.*', '-f /tmp/x', false],
  ['install*', 'instal', true],
  ['redirectme\\.example\\.com', 'redirectme.example.com', true],
  ['redirectme\\.example\\.com', 'redirectmeXexample.com', false],
  ['^rm\\b', 'rmdir x', false],
  ['(?i)DROP\\s+TABLE', 'drop  table users', true],
  ['[[:digit:]]{3}-\\d+', 'call 555-1234', true],
  ['a{2,}?b', 'xaab', true],
  ['a{2,}?b', 'xab', false],
  ['[]a-]x', ']x', true],
  ['[^-^]', '^-', false],
  ['x{', 'x{', true],
  ['\\Aab\\z', 'ab', true],
  ['push (?i:--FORCE)', 'push --force', true],
  ['push (?i:--FORCE)', 'PUSH --force', false],
  ['a(?i)B[c-d]', 'abC', true],
  ['a(?i)B[c-d]', 'AbC', false],
  ['(?i:x(?-i:Y))', 'XY', true],
  ['(?i:x(?-i:Y))', 'Xy', false],
  ['\\Aab\\z', 'abc', false],
];

function grepMatches(ere: string, ci: boolean, input: string): boolean {
  try {
    execFileSync('grep', ['-E', ...(ci ? ['-i'] : []), '-q', '--', ere], {
      input: `${input}\n`,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    return true;
  } catch (err) {
    if ((err as { status?: number }).status === 1) return false;
    throw err;
  }
}

describe('re2ToRegExp', () => {
  it.each(CASES)('%s on %j -> %s', (pattern, input, want) => {
    expect(re2ToRegExp(pattern).test(input)).toBe(want);
  });

  it('rejects what RE2 rejects', () => {
    for (const bad of ['(a', 'a)', '*a', '(?=x)', '\\1', 'a**', '[a', '[z-a]', '\\Qx\\E']) {
      expect(() => re2ToRegExp(bad), bad).toThrow(Re2SyntaxError);
    }
  });
});

describe('re2ToEre', () => {
  it('translates perl classes and drops laziness', () => {
    expect(re2ToEre('push.*(origin\\s+)?(main|master)').ere).toBe('push.*(origin[[:space:]]+)?(main|master)');
    expect(re2ToEre('(?:a|b)\\d+?').ere).toBe('(a|b)[0-9]+');
    expect(re2ToEre('(?i)abc')).toEqual({ source: '(?i)abc', ere: 'abc', caseInsensitive: true });
  });

  // grep -E uses the same POSIX ERE dialect (with GNU \b) as glibc regcomp, which the C tracer uses.
  it.each(CASES.filter(([p]) => !p.startsWith('\\A')))('grep -E agrees: %s on %j', (pattern, input, want) => {
    const { ere, caseInsensitive } = re2ToEre(pattern);
    expect(grepMatches(ere, caseInsensitive, input)).toBe(want);
  });
});

describe('re2ToEre against GNU grep -E (glibc-style ERE)', () => {
  const atom = fc.constantFrom(
    'a',
    'b',
    '-',
    '.',
    '\\d',
    '\\s',
    '\\w',
    '[ab]',
    '[^a]',
    '[a-c]',
    '[]a]',
    '[[:digit:]]',
    '\\.',
    '(a|b)',
    '\\b',
    '^',
    '$',
    '{',
    '(?i:aB)',
  );
  const quant = fc.constantFrom('', '', '*', '+', '?', '{1,2}', '*?');
  const pattern = fc
    .array(fc.tuple(atom, quant), { minLength: 1, maxLength: 4 })
    .map((p) => p.map(([a, q]) => a + q).join(''));
  const input = fc
    .array(fc.constantFrom('a', 'A', 'b', 'B', '1', ' ', '-', '.', '{'), { maxLength: 6 })
    .map((s) => s.join(''));

  it('gives the RE2 answer on random patterns', () => {
    fc.assert(
      fc.property(pattern, input, (p, s) => {
        let js: RegExp;
        try {
          js = re2ToRegExp(p);
        } catch {
          return true;
        }
        const { ere, caseInsensitive } = re2ToEre(p);
        expect(grepMatches(ere, caseInsensitive, s), `${p} -> ${ere} on ${JSON.stringify(s)}`).toBe(
          js.test(s),
        );
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
