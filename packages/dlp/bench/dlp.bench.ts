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
 * secretlint's rule setup); the best timed round of each tool counts (the machine is shared and noisy).
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
  let oursSeconds = Number.POSITIVE_INFINITY;
  let tsSeconds = Number.POSITIVE_INFINITY;
  let streamSeconds = Number.POSITIVE_INFINITY;
  let theirsSeconds = Number.POSITIVE_INFINITY;
  for (const doc of mix.slice(0, 64)) redact(doc);
  for (const doc of mix.slice(0, 64)) redact(doc, { scanner: tsScanner });
  const warm = createStreamRedactor();
  for (const chunk of chunks.slice(0, 64)) warm.write(chunk);
  warm.end();
  for (const doc of mix.slice(0, 64)) await secretlintFind(doc);
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    for (const doc of mix) redact(doc);
    oursSeconds = Math.min(oursSeconds, (performance.now() - started) / 1000);
    started = performance.now();
    for (const doc of mix) redact(doc, { scanner: tsScanner });
    tsSeconds = Math.min(tsSeconds, (performance.now() - started) / 1000);
    started = performance.now();
    const stream = createStreamRedactor();
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
    streamSeconds = Math.min(streamSeconds, (performance.now() - started) / 1000);
    started = performance.now();
    for (const doc of mix) await secretlintFind(doc);
    theirsSeconds = Math.min(theirsSeconds, (performance.now() - started) / 1000);
  }

  const mbps = (s: number) => (bytes / 1024 / 1024 / s).toFixed(1);
  console.log(
    `\n${new Date().toISOString()}  best of ${ROUNDS} rounds after a warm-up, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, mix ${(bytes / 1024 / 1024).toFixed(1)} MB in ${mix.length} documents`,
  );
  console.log('tool                     MB/s   corpus secrets found   precision  recall');
  console.log(
    `@agentsh/dlp redact  ${mbps(oursSeconds).padStart(9)}   ${String(oursFound).padStart(6)} / ${labels}       ${ours.precision.toFixed(3)}     ${ours.recall.toFixed(3)}`,
  );
  console.log(
    `@agentsh/dlp stream  ${mbps(streamSeconds).padStart(9)}   (UTF-8 byte stream, 64 KB chunks, same mix)`,
  );
  console.log(
    `dlp redact, TS only  ${mbps(tsSeconds).padStart(9)}   (same rules without @agentsh/dlp-native; default engine here: ${scanner.engine})`,
  );
  console.log(
    `secretlint (preset)  ${mbps(theirsSeconds).padStart(9)}   ${String(theirsFound).padStart(6)} / ${labels}       ${theirs.precision.toFixed(3)}     ${theirs.recall.toFixed(3)}`,
  );
  console.log(
    `throughput ratio (ours / secretlint): ${(theirsSeconds / oursSeconds).toFixed(2)}x (target >= 3x); TS only: ${(theirsSeconds / tsSeconds).toFixed(2)}x`,
  );
}

await main();
// secretlint leaves a timer behind that would keep the process alive for about a minute.
process.exit(0);
