import { NEGATIVE_GENERATORS } from './negatives';
import type { Rng } from './random';
import { createRng } from './random';
import type { LabelledText } from './synthetic';
import { GENERATED_RULES, generatePositive } from './synthetic';

/** One corpus document: text plus the secrets in it (none for negatives). */
export interface CorpusDocument extends LabelledText {
  id: string;
  kind: string;
}

function firstLines(text: string, count: number): string {
  return `${text.split('\n').slice(0, count).join('\n')}\n`;
}

function surround(rng: Rng, sample: LabelledText): LabelledText {
  const before = rng.next() < 0.5 ? '' : firstLines(NEGATIVE_GENERATORS.logs?.(rng) ?? '', 2);
  const after = rng.next() < 0.5 ? '' : firstLines(NEGATIVE_GENERATORS.git?.(rng) ?? '', 2);
  const labels = sample.labels.map((l) => ({
    ...l,
    start: l.start + before.length,
    end: l.end + before.length,
  }));
  return { text: before + sample.text + after, labels };
}

/** Generates the labelled corpus: `perRule` positives per rule and `negatives` clean documents. */
export function generateCorpus(options: {
  seed: number;
  perRule: number;
  negatives: number;
}): CorpusDocument[] {
  const rng = createRng(options.seed);
  const docs: CorpusDocument[] = [];
  for (const rule of GENERATED_RULES) {
    for (let i = 0; i < options.perRule; i++) {
      docs.push({ id: `${rule}-${i}`, kind: 'positive', ...surround(rng, generatePositive(rule, rng)) });
    }
  }
  const kinds = Object.keys(NEGATIVE_GENERATORS);
  for (let i = 0; i < options.negatives; i++) {
    const kind = kinds[i % kinds.length] ?? 'code';
    const text = NEGATIVE_GENERATORS[kind]?.(rng) ?? '';
    docs.push({ id: `${kind}-${i}`, kind, text, labels: [] });
  }
  return docs;
}
