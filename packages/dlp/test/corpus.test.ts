import { describe, expect, it } from 'vitest';
import { createScanner } from '../src/scanner';
import { generateCorpus } from './corpus';
import { evaluate, loadCorpus } from './evaluate';

const scanner = createScanner();
const detect = (text: string) =>
  scanner.scan(text).map((f) => ({ rule: f.ruleId, start: f.start, end: f.end }));

describe('labelled corpus', () => {
  const docs = loadCorpus();

  it('is the output of scripts/generate-corpus.ts (regenerate with pnpm corpus)', () => {
    const fresh = generateCorpus({ seed: 20261127, perRule: 30, negatives: 420 });
    expect(docs.length).toBe(fresh.length);
    expect(docs.slice(0, 5)).toEqual(fresh.filter((d) => d.labels.length > 0).slice(0, 5));
  });

  it('reaches precision and recall of at least 0.97 overall', () => {
    const result = evaluate(docs, detect);
    const weak = [...result.perRule].filter(([, s]) => s.recalled < s.labels || s.correct < s.findings);
    expect(result.recall, JSON.stringify(weak)).toBeGreaterThanOrEqual(0.97);
    expect(result.precision, JSON.stringify(weak)).toBeGreaterThanOrEqual(0.97);
  });

  it('finds nothing in the negative documents of each kind', () => {
    const negatives = docs.filter((d) => d.labels.length === 0);
    const flagged = negatives.filter((d) => detect(d.text).length > 0).map((d) => d.id);
    expect(flagged.length / negatives.length).toBeLessThanOrEqual(0.03);
  });
});
