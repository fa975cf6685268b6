import { describe, expect, it } from 'vitest';
import { createKeywordIndex } from './keyword-index';
import type { Rule } from './rule';

function rule(id: string, keywords: string[], flags = 'g'): Rule {
  return { id, display: id, group: 'custom', regex: new RegExp('x', flags), keywords, maxLength: 10 };
}

describe('keyword index', () => {
  it('finds exact-case keywords, case-folded keywords and single characters, per rule', () => {
    const rules = [
      rule('a', ['AKIA']),
      rule('b', ['token', 'secret'], 'gi'),
      rule('c', ['@']),
      rule('d', ['sk'], 'gi'),
    ];
    const index = createKeywordIndex(rules);
    const text = 'akia AKIA TOKEN secret a@b task SK';
    expect(index.hits(text)).toEqual([[5], [10, 16], [24], [29, 32]]);
  });

  it('finds overlapping keywords at the same position', () => {
    const rules = [rule('a', ['sk-']), rule('b', ['sk-ant-'])];
    expect(createKeywordIndex(rules).hits('x sk-ant-1')).toEqual([[2], [2]]);
  });

  it('finds keywords with regex metacharacters and non-ASCII letters', () => {
    const rules = [rule('a', ['sg.', 'éx']), rule('b', ['://'])];
    expect(createKeywordIndex(rules).hits('sgx sg. éx a://b')).toEqual([[4, 8], [12]]);
  });

  it('keeps hits sorted and distinct for a rule with one-character and longer keywords', () => {
    const rules = [rule('a', ['@', 'ab', '@x'])];
    expect(createKeywordIndex(rules).hits('ab @x ab @')).toEqual([[0, 3, 6, 9]]);
  });
});
