import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusDocument } from './corpus';
import type { Label } from './synthetic';

/** A detector under evaluation: returns the spans it flags in a document. */
export type Detect = (text: string) => { rule: string; start: number; end: number }[];

export interface RuleScore {
  labels: number;
  recalled: number;
  findings: number;
  correct: number;
}

export interface Evaluation {
  precision: number;
  recall: number;
  perRule: Map<string, RuleScore>;
}

export const CORPUS_DIR = join(import.meta.dirname, 'fixtures', 'corpus');

/** Reads the corpus written by scripts/generate-corpus.ts. */
export function loadCorpus(dir = CORPUS_DIR): CorpusDocument[] {
  return ['positives.jsonl', 'negatives.jsonl'].flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as CorpusDocument),
  );
}

function overlaps(a: { start: number; end: number }, b: Label): boolean {
  return a.start < b.end && b.start < a.end;
}

function score(perRule: Map<string, RuleScore>, rule: string): RuleScore {
  let entry = perRule.get(rule);
  if (entry === undefined) {
    entry = { labels: 0, recalled: 0, findings: 0, correct: 0 };
    perRule.set(rule, entry);
  }
  return entry;
}

/** A label counts as recalled when any finding overlaps it; a finding is correct when it overlaps a label. */
export function evaluate(docs: readonly CorpusDocument[], detect: Detect): Evaluation {
  const perRule = new Map<string, RuleScore>();
  let labels = 0;
  let recalled = 0;
  let findings = 0;
  let correct = 0;
  for (const doc of docs) {
    const found = detect(doc.text);
    for (const label of doc.labels) {
      const entry = score(perRule, label.rule);
      entry.labels++;
      labels++;
      if (found.some((f) => overlaps(f, label))) {
        entry.recalled++;
        recalled++;
      }
    }
    for (const finding of found) {
      const entry = score(perRule, finding.rule);
      entry.findings++;
      findings++;
      if (doc.labels.some((label) => overlaps(finding, label))) {
        entry.correct++;
        correct++;
      }
    }
  }
  return {
    precision: findings === 0 ? 1 : correct / findings,
    recall: labels === 0 ? 1 : recalled / labels,
    perRule,
  };
}
