// Writes the labelled DLP corpus (synthetic, obviously fake secrets only) to test/fixtures/corpus/.
// Usage: pnpm --filter @agentsh/dlp corpus
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../test/corpus';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'corpus');
mkdirSync(out, { recursive: true });
const docs = generateCorpus({ seed: 20261127, perRule: 30, negatives: 420 });
const positives = docs.filter((d) => d.labels.length > 0);
const negatives = docs.filter((d) => d.labels.length === 0);
writeFileSync(join(out, 'positives.jsonl'), `${positives.map((d) => JSON.stringify(d)).join('\n')}\n`);
writeFileSync(join(out, 'negatives.jsonl'), `${negatives.map((d) => JSON.stringify(d)).join('\n')}\n`);
process.stdout.write(
  `wrote ${positives.length} positive and ${negatives.length} negative documents to ${out}\n`,
);
