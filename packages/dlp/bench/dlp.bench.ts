// DLP benchmark: corpus precision/recall per rule, and throughput on a ~50 MB mix of agent output,
// for @agentsh/dlp and for secretlint (recommended preset) side by side in one run.
// Usage: pnpm --filter @agentsh/dlp bench   (DLP_BENCH_MB=10 for a shorter run)
import { loadavg } from 'node:os';
import { createStreamRedactor } from '../src/byte-stream';
import { redact } from '../src/redact';
import { createScanner } from '../src/scanner';
import type { Evaluation } from '../test/evaluate';
import { evaluate, loadCorpus } from '../test/evaluate';
import { generateMix } from './mix';
import { secretlintFind } from './secretlint';

const MB = Number(process.env.DLP_BENCH_MB ?? 50);
/**
 * Interleaved rounds after an untimed warm-up of each tool on the first 64 documents (JIT, caches,
 * secretlint's rule setup); the best and the median timed round of each tool are printed (the
 * machine is shared and noisy).
 */
const ROUNDS = Number(process.env.DLP_BENCH_ROUNDS ?? 5);
const scanner = createScanner();
/** The same rules without the optional C candidate scan (what runs when @agentsh/dlp-native is absent). */
const tsScanner = createScanner(undefined, { native: false });
const docs = loadCorpus();

function printRules(result: Evaluation): void {
  const rows = [...result.perRule].sort(([a], [b]) => a.localeCompare(b));
  console.log('\nrule                         labels  recall  findings  precision');
  for (const [rule, s] of rows) {
    const recall = s.labels === 0 ? '-' : (s.recalled / s.labels).toFixed(3);
    const precision = s.findings === 0 ? '-' : (s.correct / s.findings).toFixed(3);
    console.log(
      `${rule.padEnd(28)} ${String(s.labels).padStart(6)}  ${recall.padStart(6)}  ${String(s.findings).padStart(8)}  ${precision.padStart(9)}`,
    );
  }
}

async function secretlintCorpus(): Promise<Evaluation> {
  const found = new Map<string, { rule: string; start: number; end: number }[]>();
  for (const doc of docs) found.set(doc.id, await secretlintFind(doc.text));
  const byText = new Map(docs.map((d) => [d.text, found.get(d.id) ?? []]));
  return evaluate(docs, (text) => byText.get(text) ?? []);
}

async function main(): Promise<void> {
  const ours = evaluate(docs, (text) =>
    scanner.scan(text).map((f) => ({ rule: f.ruleId, start: f.start, end: f.end })),
  );
  printRules(ours);
  const theirs = await secretlintCorpus();
  const labels = docs.reduce((n, d) => n + d.labels.length, 0);
  const oursFound = Math.round(ours.recall * labels);
  const theirsFound = Math.round(theirs.recall * labels);

  const mix = generateMix(MB * 1024 * 1024);
  const bytes = mix.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const chunks = mix.map((doc) => Buffer.from(doc));
  const rounds: Record<'ours' | 'ts' | 'stream' | 'theirs', number[]> = {
    ours: [],
    ts: [],
    stream: [],
    theirs: [],
  };
  const timed = async (tool: keyof typeof rounds, run: () => unknown): Promise<void> => {
    const started = performance.now();
    await run();
    rounds[tool].push((performance.now() - started) / 1000);
  };
  for (const doc of mix.slice(0, 64)) redact(doc);
  for (const doc of mix.slice(0, 64)) redact(doc, { scanner: tsScanner });
  const warm = createStreamRedactor();
  for (const chunk of chunks.slice(0, 64)) warm.write(chunk);
  warm.end();
  for (const doc of mix.slice(0, 64)) await secretlintFind(doc);
  for (let round = 0; round < ROUNDS; round++) {
    await timed('ours', () => {
      for (const doc of mix) redact(doc);
    });
    await timed('ts', () => {
      for (const doc of mix) redact(doc, { scanner: tsScanner });
    });
    await timed('stream', () => {
      const stream = createStreamRedactor();
      for (const chunk of chunks) stream.write(chunk);
      stream.end();
    });
    await timed('theirs', async () => {
      for (const doc of mix) await secretlintFind(doc);
    });
  }

  const best = (tool: keyof typeof rounds) => Math.min(...rounds[tool]);
  const median = (tool: keyof typeof rounds) => {
    const sorted = [...rounds[tool]].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  };
  const mbps = (s: number) => (bytes / 1024 / 1024 / s).toFixed(1);
  const both = (tool: keyof typeof rounds) =>
    `${mbps(best(tool)).padStart(9)} ${mbps(median(tool)).padStart(9)}`;
  console.log(
    `\n${new Date().toISOString()}  ${ROUNDS} interleaved rounds after a warm-up, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, mix ${(bytes / 1024 / 1024).toFixed(1)} MB in ${mix.length} documents`,
  );
  console.log('tool                 best MB/s  median   corpus secrets found   precision  recall');
  console.log(
    `@agentsh/dlp redact  ${both('ours')}   ${String(oursFound).padStart(6)} / ${labels}       ${ours.precision.toFixed(3)}     ${ours.recall.toFixed(3)}`,
  );
  console.log(`@agentsh/dlp stream  ${both('stream')}   (UTF-8 byte stream, 64 KB chunks, same mix)`);
  console.log(
    `dlp redact, TS only  ${both('ts')}   (same rules without @agentsh/dlp-native; default engine here: ${scanner.engine})`,
  );
  console.log(
    `secretlint (preset)  ${both('theirs')}   ${String(theirsFound).padStart(6)} / ${labels}       ${theirs.precision.toFixed(3)}     ${theirs.recall.toFixed(3)}`,
  );
  const ratio = (tool: 'ours' | 'ts') =>
    `${(best('theirs') / best(tool)).toFixed(2)}x best, ${(median('theirs') / median(tool)).toFixed(2)}x median`;
  console.log(
    `throughput ratio (ours / secretlint): ${ratio('ours')} (target >= 3x); TS only: ${ratio('ts')}`,
  );
}

await main();
// secretlint leaves a timer behind that would keep the process alive for about a minute.
process.exit(0);
