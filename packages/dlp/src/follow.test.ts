import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMix } from '../bench/mix';
import { adversarialInputs } from '../test/adversarial';
import { loadCorpus } from '../test/evaluate';
import { followMatches, followProblem } from './follow';
import { stickyRegex } from './match-at-hits';
import type { Rule } from './rule';
import { step } from './rules/follow-steps';
import { BUILTIN_RULES } from './rules/index';

const steps = [step(/[a-z]/, 2, 4), step(/=/, 1), step(/[0-9]/, 3)];

describe('follow chains', () => {
  it('tries every split between the steps', () => {
    expect(followMatches('ab=123', 0, steps)).toBe(true);
    expect(followMatches('xx abcd=123', 3, steps)).toBe(true);
    expect(followMatches('abcde=123', 0, steps)).toBe(false);
    expect(followMatches('a=123', 0, steps)).toBe(false);
    expect(followMatches('ab=12', 0, steps)).toBe(false);
    expect(followMatches('ab\u00e9\u00e9=123', 0, steps)).toBe(true);
  });

  it('rejects chains the C scan cannot take', () => {
    const base = BUILTIN_RULES.find((r) => r.id === 'generic_secret') as Rule;
    expect(followProblem(base)).toBeUndefined();
    expect(followProblem({ ...base, follow: [step(/a/, 3, 2)] })).toMatch(/bounds/);
    expect(followProblem({ ...base, follow: [step(/a/, 0, 2000)] })).toMatch(/cover/);
    expect(followProblem({ ...base, keywordStartsMatch: false })).toMatch(/keywordStartsMatch/);
  });

  it('every match of a rule with a follow chain passes it (corpus, mix, adversarial, random)', () => {
    const rules = BUILTIN_RULES.filter((r) => r.follow !== undefined);
    expect(rules.length).toBeGreaterThanOrEqual(7);
    const texts = [...loadCorpus().map((d) => d.text), ...generateMix(1024 * 1024)];
    for (const rule of rules) texts.push(...adversarialInputs(rule, 2048).values());
    let matches = 0;
    const check = (rule: Rule, text: string): void => {
      const sticky = stickyRegex(rule);
      for (let at = 0; at < text.length; at++) {
        sticky.lastIndex = at;
        if (sticky.exec(text) === null) continue;
        matches++;
        expect(followMatches(text, at, rule.follow ?? []), `${rule.id} at ${at}`).toBe(true);
      }
    };
    for (const rule of rules) {
      const any = new RegExp(rule.regex.source, rule.regex.flags.replace('g', ''));
      for (const text of texts) if (any.test(text)) check(rule, text);
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.string({ unit: fc.constantFrom(...'aZ9_-=: \t"\'\\/@;.+') }),
        (rule, tail) => {
          const keyword = rule.keywords[0] as string;
          check(rule, `${keyword}${tail}`);
        },
      ),
      { numRuns: 3000 },
    );
    expect(matches).toBeGreaterThan(200);
  });
});
