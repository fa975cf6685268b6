import { NEGATIVE_GENERATORS } from '../test/negatives';
import { createRng } from '../test/random';
import { GENERATED_RULES, generatePositive } from '../test/synthetic';

const WEIGHTS: readonly [kind: string, weight: number][] = [
  ['logs', 30],
  ['code', 25],
  ['lockfile', 20],
  ['json', 15],
  ['git', 8],
  ['image', 2],
];

function pickWeighted(roll: number): string {
  let rest = roll;
  for (const [kind, weight] of WEIGHTS) {
    if (rest < weight) return kind;
    rest -= weight;
  }
  return 'logs';
}

function jsonResponse(seed: number): string {
  const rng = createRng(seed);
  const items = Array.from({ length: rng.int(3, 20) }, (_, i) => ({
    id: rng.int(1, 1e6),
    name: `item-${i}`,
    created_at: `2026-11-${rng.int(10, 28)}T10:00:00Z`,
    tags: ['alpha', 'beta'].slice(0, rng.int(0, 2)),
    usage: { prompt_tokens: rng.int(1, 9000), completion_tokens: rng.int(1, 900) },
  }));
  return `${JSON.stringify({ object: 'list', data: items }, null, 2)}\n`;
}

/** A flat copy, as text decoded from a pipe would be (not a rope of concatenations). */
function flatten(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * About `bytes` characters of agent output (logs, source, lockfiles, JSON, git, a few images),
 * cut into documents of ~64 KB, with one generated secret per `secretEvery` characters.
 */
export function generateMix(bytes: number, secretEvery = 200_000): string[] {
  const rng = createRng(4242);
  const pool: string[] = [];
  const total = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  for (let i = 0; i < 3000; i++) {
    const kind = pickWeighted(rng.int(0, total - 1));
    pool.push(kind === 'json' ? jsonResponse(i) : (NEGATIVE_GENERATORS[kind]?.(rng) ?? ''));
  }
  const docs: string[] = [];
  let size = 0;
  let sinceSecret = 0;
  let doc = '';
  while (size < bytes) {
    let part = rng.pick(pool);
    if (sinceSecret >= secretEvery) {
      part += generatePositive(rng.pick(GENERATED_RULES), rng).text;
      sinceSecret = 0;
    }
    doc += part;
    size += part.length;
    sinceSecret += part.length;
    if (doc.length >= 64 * 1024) {
      docs.push(flatten(doc));
      doc = '';
    }
  }
  if (doc.length > 0) docs.push(flatten(doc));
  return docs;
}
