import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeywordIndex } from './keyword-index';
import type { Rule } from './rule';

function rule(id: string, keywords: string[], flags = 'g'): Rule {
  return { id, display: id, group: 'custom', regex: new RegExp('x', flags), keywords, maxLength: 10 };
}

/** Every position where the keyword starts (exact, or ASCII case-folded), found the slow way. */
function naive(text: string, keywords: readonly string[], ignoreCase: boolean): number[] {
  const hay = ignoreCase ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : text;
  const hits = new Set<number>();
  for (const keyword of keywords) {
    for (let at = hay.indexOf(keyword); at >= 0; at = hay.indexOf(keyword, at + 1)) hits.add(at);
  }
  return [...hits].sort((a, b) => a - b);
}

const KEYWORDS = ['sk', 'SK', 'sk-', 'ghp_', 'token', 'eyJ', '://', 'ab', 'éx', 'aĀb', '_-'];
const PIECES = [...KEYWORDS, 'a', 'B', ' ', '-', 'TOKEN', 'Sk', 'É', 'Ā', '\u0167', '_', 'x', '\n', '😀'];

describe('pair scan keyword index', () => {
  it('finds every keyword at every alignment, in both case modes, next to non-ASCII text', () => {
    const rules = [
      rule('exact', KEYWORDS),
      rule(
        'folded',
        KEYWORDS.map((k) => k.toLowerCase()),
        'gi',
      ),
    ];
    const index = createKeywordIndex(rules);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const [exact, folded] = index.hits(text);
        expect(exact).toEqual(naive(text, KEYWORDS, false));
        expect(folded).toEqual(naive(text, rules[1]?.keywords ?? [], true));
      }),
      { numRuns: 500 },
    );
  });

  it('finds keywords at the very start and end of short texts', () => {
    const index = createKeywordIndex([rule('a', ['sk', 'ghp_'])]);
    for (const text of ['sk', 'xsk', 'xxsk', 'xxxsk', 'ghp_', 'xghp_', 's', '']) {
      expect(index.hits(text)[0]).toEqual(naive(text, ['sk', 'ghp_'], false));
    }
  });
});

describe('pair scan on long texts', () => {
  it('finds keywords in a text longer than the reused buffer, then in short ones again', () => {
    const index = createKeywordIndex([rule('a', ['ghp_'])]);
    const long = `${'x'.repeat((1 << 20) + 5)}ghp_`;
    expect(index.hits(long)[0]).toEqual([(1 << 20) + 5]);
    expect(index.hits('a ghp_')[0]).toEqual([2]);
  });
});
