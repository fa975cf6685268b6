import { describe, expect, it } from 'vitest';
import { adversarialInputs, benignText } from '../test/adversarial';
import { compileCustomPattern } from './custom-patterns';
import type { Rule } from './rule';
import { BUILTIN_RULES } from './rules/index';
import { createScanner } from './scanner';

const SIZE = 128 * 1024;
/** Generous: hostile input for one rule may cost this many benign full scans of the same size. */
const MAX_RATIO = 60;

function timeScan(scan: () => void, repeats: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    scan();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Checks every hostile input against a benign full scan measured in the same run. */
export function expectLinear(rules: readonly Rule[], size = SIZE): void {
  const full = createScanner();
  const benign = benignText(size);
  const baseline = Math.max(
    timeScan(() => full.scan(benign), 3),
    1,
  );
  for (const rule of rules) {
    const single = createScanner([rule]);
    for (const [name, input] of adversarialInputs(rule, size)) {
      const elapsed = timeScan(() => single.scan(input), 1);
      const ratio = elapsed > MAX_RATIO * baseline ? timeScan(() => single.scan(input), 2) / baseline : 0;
      expect(ratio, `${rule.id} on ${name}: ${ratio.toFixed(1)}x a benign scan`).toBeLessThanOrEqual(
        MAX_RATIO,
      );
    }
  }
}

describe('linear-time safety', () => {
  it('no built-in rule backtracks catastrophically on hostile output', () => {
    expectLinear(BUILTIN_RULES);
  }, 120_000);

  it('the full rule set scans 1 MB of hostile runs in time proportional to benign text', () => {
    const size = 1024 * 1024;
    const full = createScanner();
    const benign = benignText(size);
    const baseline = Math.max(
      timeScan(() => full.scan(benign), 2),
      1,
    );
    for (const unit of ['-----BEGIN ', 'a', 'eyJ', 'a@', '4111 ', 'token=', 'https://a:b', 'ghp_', 'sk-']) {
      const input = unit.repeat(Math.ceil(size / unit.length));
      const once = timeScan(() => full.scan(input), 1) / baseline;
      // One timing can catch a pause on a loaded machine; over the bound, re-measure (best of 2).
      const ratio = once > MAX_RATIO ? timeScan(() => full.scan(input), 2) / baseline : once;
      expect(ratio, `1 MB of ${JSON.stringify(unit)}: ${ratio.toFixed(1)}x`).toBeLessThanOrEqual(MAX_RATIO);
    }
  }, 120_000);

  it('custom patterns that compile (agentsh-modal nine and typical ones) stay linear', () => {
    const patterns = [
      'ak-[a-zA-Z0-9]{32,}',
      'sk-[a-zA-Z0-9]{48,}',
      'sk-ant-[a-zA-Z0-9-]{95,}',
      'eyJ[a-zA-Z0-9_-]*\\.eyJ[a-zA-Z0-9_-]*\\.[a-zA-Z0-9_-]*',
      '-----BEGIN [A-Z]+ PRIVATE KEY-----',
      'xox[baprs]-[0-9]{10,13}-[0-9]{10,13}-[a-zA-Z0-9]{24}',
      '(?i)password\\s*[:=]\\s*\\S+',
      '[a-z]+[0-9]+',
      '.*secret.*',
    ];
    expectLinear(patterns.map((regex, i) => compileCustomPattern({ name: `custom_${i}`, regex })));
  }, 120_000);

  it('would catch a quadratic pattern (the check can fail)', () => {
    const evil: Rule = {
      id: 'evil',
      display: 'EVIL',
      group: 'custom',
      regex: /a*b/g,
      keywords: [],
      maxLength: 64,
    };
    expect(() => expectLinear([evil], 16 * 1024)).toThrow(/evil/);
  }, 120_000);
});
