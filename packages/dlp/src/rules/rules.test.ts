import { describe, expect, it } from 'vitest';
import { createRng } from '../../test/random';
import { GENERATED_RULES, generatePositive } from '../../test/synthetic';
import { createScanner } from '../scanner';
import { BUILTIN_RULES, builtinRules } from './index';
import { PII_DIGIT_GROUPS, PII_RULES } from './pii';

const scanner = createScanner();

describe('built-in rules', () => {
  it('are well-formed data', () => {
    const ids = new Set<string>();
    for (const rule of BUILTIN_RULES) {
      expect(rule.regex.global, rule.id).toBe(true);
      expect(rule.maxLength, rule.id).toBeGreaterThan(0);
      if (rule.regex.ignoreCase) {
        for (const keyword of rule.keywords) expect(keyword, rule.id).toBe(keyword.toLowerCase());
      }
      if (rule.notAfter !== undefined) expect(rule.notAfter.global, rule.id).toBe(false);
      expect(ids.has(rule.id), `duplicate ${rule.id}`).toBe(false);
      ids.add(rule.id);
    }
  });

  it('each have a true-positive generator', () => {
    for (const rule of BUILTIN_RULES) expect(GENERATED_RULES, rule.id).toContain(rule.id);
  });

  it.each(GENERATED_RULES.map((id) => [id]))('%s finds its generated secrets whole', (id) => {
    const rng = createRng(id.length * 7919);
    for (let i = 0; i < 25; i++) {
      const sample = generatePositive(id, rng);
      const label = sample.labels[0];
      const findings = scanner.scan(sample.text);
      const covering = findings.find((f) => label && f.start <= label.start && f.end >= label.end);
      expect(covering, `${id}: ${sample.text}`).toBeDefined();
    }
  });

  it('switches groups off through toggles', () => {
    const ids = builtinRules({ email: false, api_keys: false }).map((rule) => rule.id);
    expect(ids).toContain('phone');
    expect(ids).not.toContain('email');
    expect(ids).not.toContain('github_token');
  });
});

describe('PII digit-group locator', () => {
  it('occurs inside every phone number, SSN and card number the PII rules match', () => {
    const samples = [
      '555-234-5678',
      '(555) 234-5678',
      '(555)234-5678',
      '+1 555.234.5678',
      '123-45-6789',
      '123 45 6789',
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '4111111111111111',
      '4111111111111111111',
      '3782 822463 10005',
      '3782-822463-10005',
      '378282246310005',
    ];
    for (const sample of samples) {
      const matched = PII_RULES.some((r) => new RegExp(r.regex.source).test(sample));
      expect(matched, sample).toBe(true);
      expect(new RegExp(PII_DIGIT_GROUPS.source).test(sample), sample).toBe(true);
    }
  });
});

describe('PII digit-group locator on generated values', () => {
  it('occurs inside every generated phone number, SSN and card number', () => {
    const rng = createRng(99);
    for (const rule of ['phone', 'ssn', 'credit_card']) {
      for (let i = 0; i < 300; i++) {
        const { text, labels } = generatePositive(rule, rng);
        const label = labels[0];
        if (label === undefined) continue;
        const value = text.slice(label.start, label.end);
        expect(new RegExp(PII_DIGIT_GROUPS.source).test(value), `${rule}: ${value}`).toBe(true);
      }
    }
  });
});
