import { describe, expect, it } from 'vitest';
import { createRng } from '../../test/random';
import { GENERATED_RULES, generatePositive } from '../../test/synthetic';
import { createScanner } from '../scanner';
import { BUILTIN_RULES, builtinRules } from './index';

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
