import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followMatches } from './follow';
import { createNativeHitSource, nativeBinding } from './native-scan';
import type { Rule } from './rule';
import { step } from './rules/follow-steps';
import { PII_DIGIT_GROUPS } from './rules/pii';
import { createScanner } from './scanner';

const binding = nativeBinding();

const keyRule: Rule = {
  id: 'k',
  display: 'K',
  group: 'custom',
  regex: /key/gi,
  keywords: ['key'],
  keywordStartsMatch: true,
  maxLength: 40,
  follow: [step(/[a-z_]/i, 0, 6), step(/[:=]/, 1), step(/[ ]/, 0, 2), step(/[A-Za-z0-9]/, 4, 8)],
};

describe('native hit source', () => {
  it('is not used when the addon is missing, or when asked not to', () => {
    expect(createNativeHitSource([keyRule], { load: () => undefined })).toBeUndefined();
    expect(createScanner([keyRule], { native: false }).engine).toBe('js');
  });

  it('is not used when the addon refuses the spec, and falls back per text when a scan fails', () => {
    const refuse = () => {
      throw new Error('invalid spec');
    };
    const refusing = { compile: refuse, scan: () => 0, digitsAt: () => false };
    expect(createNativeHitSource([keyRule], { load: () => refusing })).toBeUndefined();
    if (binding === undefined) return;
    const failing = { ...binding, scan: refuse };
    const source = createNativeHitSource([keyRule], { load: () => failing });
    expect(source?.engine).toBe('native');
    expect(Array.from(source?.hits('a key=abcd1234 b').byRule[0] ?? [])).toEqual([2]);
  });

  it('is not used for keywords outside ASCII', () => {
    const rule = { ...keyRule, keywords: ['k\u00e9y'] };
    expect(createNativeHitSource([rule], { load: () => binding })).toBeUndefined();
  });
});

describe.skipIf(binding === undefined)('native scan (C)', () => {
  /** A chain too long for the bit-parallel check (the span check runs). */
  const longRule: Rule = {
    ...keyRule,
    follow: [...(keyRule.follow ?? []).slice(0, 3), step(/[A-Za-z0-9]/, 4, 70)],
  };

  it.each([
    ['bit-parallel', keyRule],
    ['span', longRule],
  ])('keeps exactly the keyword hits that pass the follow chain (%s check)', (_name, rule) => {
    const source = createNativeHitSource([rule]);
    const unit = fc.constantFrom(...'kKeEyY_a:= 1Z\u00e9-');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 100 }), (text) => {
        const expected: number[] = [];
        for (let at = 0; at + 3 <= text.length; at++) {
          const keyword = text.slice(at, at + 3).toLowerCase() === 'key';
          if (keyword && followMatches(text, at, rule.follow ?? [])) expected.push(at);
        }
        expect(Array.from(source?.hits(text).byRule[0] ?? [])).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the digit locator where the regex matches', () => {
    const sticky = new RegExp(PII_DIGIT_GROUPS.source, 'y');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789-. )a'), maxLength: 30 }), (text) => {
        expect(binding?.digitsAt(text)).toBe(sticky.test(text));
        sticky.lastIndex = 0;
      }),
      { numRuns: 20_000 },
    );
  });

  it('grows its output buffer for texts with very many hits', () => {
    const text = 'key=abcd1234 '.repeat(20_000);
    const hits = createNativeHitSource([keyRule])?.hits(text).byRule[0];
    expect(hits?.length).toBe(20_000);
    expect(createScanner([keyRule]).spans(text)).toEqual(
      createScanner([keyRule], { native: false }).spans(text),
    );
  });
});
