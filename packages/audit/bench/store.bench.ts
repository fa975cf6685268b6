// pnpm --filter @agentsh/audit bench: sustained events/s through the store (batched, HMAC chain) against
// raw better-sqlite3 prepared inserts of the same rows (precomputed, one transaction per batch), same
// connection setup, same run. Variants alternate within each round and the ratio is taken per round, so
// load drift on this shared machine hits both sides alike. Rates by wall clock and by CPU time of this
// process (steadier when other processes compete for the 2 cores). Bounded: ROUNDS x N events, 60 s.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainMac, createIntegrityKey } from '../src/chain';
import { openWriterConnection } from '../src/connection';
import { newEventId } from '../src/event-id';
import { EVENT_COLUMNS, EVENT_PARAMS, prepareEvent } from '../src/row';
import type { AuditEvent } from '../src/schema';
import { openAuditStore } from '../src/store';
import { copyTemplate, makeEvents, makeTemplate } from './events';
import { insertRow } from './raw-insert';

const N = Number(process.env.AUDIT_BENCH_EVENTS ?? 40_000);
const ROUNDS = 7;
// Rows per transaction, the same for the baseline and the store (its batchSize).
const BATCH = Number(process.env.AUDIT_BENCH_BATCH ?? 1000);
const KEY = createIntegrityKey('bench-key-0123456789abcdef-0123456789');
// AUDIT_BENCH_DIR=/dev/shm takes the shared disk's fsync noise out; default: os.tmpdir() (a disk here).
const dir = mkdtempSync(join(process.env.AUDIT_BENCH_DIR ?? tmpdir(), 'agentsh-audit-bench-'));
// Event ids: 'v7' (default) newEventId(), time-ordered as the daemon should make them; 'v4' randomUUID().
const IDS = process.env.AUDIT_BENCH_IDS === 'v4' ? 'v4' : 'v7';
const newId = IDS === 'v4' ? randomUUID : () => newEventId();
// AUDIT_BENCH_PREFILL=N: every run starts from a copy of a table already holding N events (a grown
// database; untimed), the baseline's and the store's alike. Default 0: a fresh file.
const PREFILL = Number(process.env.AUDIT_BENCH_PREFILL ?? 0);
const template = join(dir, 'template.db');
let fileNo = 0;
const nextFile = (): string => {
  const file = join(dir, `b${fileNo++}.db`);
  return PREFILL > 0 ? copyTemplate(template, file) : file;
};

interface Run {
  wall: number;
  cpu: number;
  p50?: number;
  p99?: number;
}

/** Times fn; returns events per second by wall clock and per CPU second of this process. */
async function timed(n: number, fn: () => Promise<void> | void): Promise<Run> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall: (n / ms) * 1000, cpu: (n / (c.user + c.system)) * 1e6 };
}

/** The 16 column values the store would write, HMAC included, computed before timing starts. */
function precomputedRows(events: AuditEvent[]): unknown[][] {
  let prev = 'genesis';
  return events.map((e, i) => {
    const p = prepareEvent(e);
    prev = chainMac(KEY, prev, PREFILL + i + 1, p.payload);
    return [...p.values, PREFILL + i + 1, prev];
  });
}

function rawInsert(rows: unknown[][]): Promise<Run> {
  const db = openWriterConnection({ path: nextFile() });
  const insert = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${EVENT_PARAMS}`);
  const tx = db.transaction((from: number) => {
    // Positional arguments, as the store binds them: ~0.5 µs/row cheaper than binding an array here.
    for (let i = from; i < Math.min(from + BATCH, rows.length); i++) {
      const v = rows[i] as unknown[];
      insertRow(insert, v);
    }
  });
  return timed(rows.length, () => {
    for (let i = 0; i < rows.length; i += BATCH) tx(i);
  }).finally(() => db.close());
}

async function storeRun(events: AuditEvent[], keyed: boolean): Promise<Run> {
  const store = openAuditStore({ path: nextFile(), key: keyed ? KEY.bytes : undefined, batchSize: BATCH });
  // Latency of every 8th append (sampling keeps the timer calls from inflating the store's cost).
  const lat = new Float64Array(Math.ceil(events.length / 8));
  const run = await timed(events.length, async () => {
    for (let i = 0; i < events.length; i++) {
      let acked: Promise<void>;
      if ((i & 7) === 0) {
        const a = performance.now();
        acked = store.append(events[i] as AuditEvent);
        lat[i >> 3] = performance.now() - a;
      } else {
        acked = store.append(events[i] as AuditEvent);
      }
      if (i % BATCH === BATCH - 1) await acked;
    }
    await store.flush();
  });
  await store.close();
  lat.sort();
  const at = (q: number): number => (lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] ?? 0) * 1000;
  return { ...run, p50: at(0.5), p99: at(0.99) };
}

function hmacCostUs(events: AuditEvent[]): number {
  const payloads = events.map((e) => JSON.stringify(e));
  let prev = 'genesis';
  const t0 = performance.now();
  for (let i = 0; i < payloads.length; i++) prev = chainMac(KEY, prev, i, payloads[i] as string);
  return ((performance.now() - t0) * 1000) / payloads.length;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  if (PREFILL > 0) makeTemplate(template, PREFILL, newId);
  const runs: { raw: Run; keyed: Run; plain: Run }[] = [];
  const started = performance.now();
  for (let r = 0; r < ROUNDS && (r < 3 || performance.now() - started < 60_000); r++) {
    const events = makeEvents(N, newId, PREFILL + r * N);
    const raw = await rawInsert(precomputedRows(events));
    runs.push({ raw, keyed: await storeRun(events, true), plain: await storeRun(events, false) });
  }
  const med = (pick: (x: (typeof runs)[number]) => number): number => median(runs.map(pick));
  console.log(
    `audit store bench: ${runs.length} rounds x ${N} events into a table of ${PREFILL}, batch ${BATCH}, ids ${IDS}, WAL file DB in ${dir}`,
  );
  console.log(
    '| variant                                   | events/s wall | events/CPU-s | ratio wall | ratio CPU | enqueue p50 µs | p99 µs |',
  );
  console.log(
    '|-------------------------------------------|---------------|--------------|------------|-----------|----------------|--------|',
  );
  const line = (name: string, pick: (x: (typeof runs)[number]) => Run): void => {
    const wall = med((x) => pick(x).wall);
    const cpu = med((x) => pick(x).cpu);
    const rw = med((x) => pick(x).wall / x.raw.wall);
    const rc = med((x) => pick(x).cpu / x.raw.cpu);
    const p50 = runs[0] && pick(runs[0]).p50 !== undefined ? med((x) => pick(x).p50 ?? 0).toFixed(2) : '';
    const p99 = p50 === '' ? '' : med((x) => pick(x).p99 ?? 0).toFixed(2);
    console.log(
      `| ${name.padEnd(41)} | ${fmt(wall).padStart(13)} | ${fmt(cpu).padStart(12)} | ${rw.toFixed(2).padStart(10)} | ${rc.toFixed(2).padStart(9)} | ${p50.padStart(14)} | ${p99.padStart(6)} |`,
    );
  };
  line('raw prepared INSERT of same rows (base)', (x) => x.raw);
  line('store append(), batched, HMAC chain', (x) => x.keyed);
  line('store append(), batched, no key', (x) => x.plain);
  console.log(`HMAC-SHA256 chain step alone: ${hmacCostUs(makeEvents(20_000, newId)).toFixed(2)} µs/event`);
  const ratio = med((x) => x.keyed.wall / x.raw.wall);
  const keyedWall = med((x) => x.keyed.wall);
  console.log(
    `targets: >= 200,000 events/s: ${keyedWall >= 200_000 ? 'met' : 'NOT met'}; >= 0.75 x raw (wall, per-round median): ${ratio >= 0.75 ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`,
  );
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
