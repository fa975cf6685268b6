// pnpm --filter @agentsh/audit bench: sustained events/s through the store (batched, HMAC chain) against
// raw better-sqlite3 prepared inserts of the same rows, one transaction per batch, same temp-file DB setup,
// same run. Also p50/p99 enqueue latency. Bounded: N events per run, 3 rounds, alternating variants.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainMac, createIntegrityKey } from '../src/chain';
import { openWriterConnection } from '../src/connection';
import { EVENT_COLUMNS, EVENT_PARAMS, prepareEvent } from '../src/row';
import type { AuditEvent } from '../src/schema';
import { openAuditStore } from '../src/store';

const N = Number(process.env.AUDIT_BENCH_EVENTS ?? 100_000);
const ROUNDS = 3;
const BATCH = 1000;
const KEY = createIntegrityKey('bench-key-0123456789abcdef-0123456789');
// AUDIT_BENCH_DIR=/dev/shm takes the shared disk's fsync noise out (CPU cost only); default: os.tmpdir().
const dir = mkdtempSync(join(process.env.AUDIT_BENCH_DIR ?? tmpdir(), 'agentsh-audit-bench-'));
let fileNo = 0;
const nextFile = (): string => join(dir, `b${fileNo++}.db`);

function makeEvents(round: number): AuditEvent[] {
  const base = Date.UTC(2026, 10, 27, 12);
  return Array.from({ length: N }, (_, i) => ({
    id: `r${round}-ev-${i}-7f3a9c2e`,
    timestamp: new Date(base + i).toISOString().replace('Z', '123456Z'),
    type: i % 3 === 0 ? 'net_connect' : 'file_open',
    session_id: `session-${i % 8}-2b6e4c1a`,
    command_id: `cmd-${i >> 6}`,
    pid: 4000 + (i % 97),
    policy: { decision: i % 10 === 0 ? 'deny' : 'allow', effective_decision: 'allow', rule: 'workspace-rw' },
    ...(i % 3 === 0
      ? { domain: `api${i % 50}.example.com`, remote: '127.0.0.1:443' }
      : { path: `/workspace/src/m${i % 500}/f${i}.ts` }),
    operation: i % 3 === 0 ? 'connect' : 'open',
    fields: { flags: 'O_RDONLY', bytes: i },
  }));
}

/** Raw: prepared single-row INSERT of precomputed rows (same 16 values the store writes), one tx per batch. */
function rawInsert(events: AuditEvent[]): number {
  let prev = 'genesis';
  const rows = events.map((e, i) => {
    const p = prepareEvent(e);
    prev = chainMac(KEY, prev, i + 1, p.payload);
    return [...p.values, i + 1, prev];
  });
  const path = nextFile();
  const db = openWriterConnection({ path });
  const insert = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${EVENT_PARAMS}`);
  const tx = db.transaction((from: number) => {
    for (let i = from; i < Math.min(from + BATCH, rows.length); i++) insert.run(rows[i] as unknown[]);
  });
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) tx(i);
  const ms = performance.now() - t0;
  db.close();
  return (events.length / ms) * 1000;
}

interface StoreRun {
  rate: number;
  p50: number;
  p99: number;
  max: number;
}

async function storeRun(events: AuditEvent[], keyed: boolean): Promise<StoreRun> {
  const store = openAuditStore({ path: nextFile(), key: keyed ? KEY.bytes : undefined, batchSize: BATCH });
  const lat = new Float64Array(events.length);
  const t0 = performance.now();
  for (let i = 0; i < events.length; i++) {
    const a = performance.now();
    const acked = store.append(events[i] as AuditEvent);
    lat[i] = performance.now() - a;
    if (i % BATCH === BATCH - 1) await acked;
  }
  await store.flush();
  const ms = performance.now() - t0;
  await store.close();
  lat.sort();
  const at = (q: number): number => (lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] ?? 0) * 1000;
  return { rate: (events.length / ms) * 1000, p50: at(0.5), p99: at(0.99), max: at(1) };
}

function hmacCostUs(events: AuditEvent[]): number {
  const payloads = events.slice(0, 50_000).map((e) => JSON.stringify(e));
  let prev = 'genesis';
  const t0 = performance.now();
  for (let i = 0; i < payloads.length; i++) prev = chainMac(KEY, prev, i, payloads[i] as string);
  return ((performance.now() - t0) * 1000) / payloads.length;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const raw: number[] = [];
  const keyed: StoreRun[] = [];
  const plain: StoreRun[] = [];
  const started = performance.now();
  // Bounded in time too: a loaded machine gets fewer rounds rather than a run of many minutes.
  for (let r = 0; r < ROUNDS && (r === 0 || performance.now() - started < 60_000); r++) {
    const events = makeEvents(r);
    raw.push(rawInsert(events));
    keyed.push(await storeRun(events, true));
    plain.push(await storeRun(events, false));
  }
  const k = {
    rate: median(keyed.map((x) => x.rate)),
    p50: median(keyed.map((x) => x.p50)),
    p99: median(keyed.map((x) => x.p99)),
  };
  const u = {
    rate: median(plain.map((x) => x.rate)),
    p50: median(plain.map((x) => x.p50)),
    p99: median(plain.map((x) => x.p99)),
  };
  const base = median(raw);
  const row = (name: string, rate: number, p50 = '', p99 = ''): string =>
    `| ${name.padEnd(42)} | ${Math.round(rate).toLocaleString('en-US').padStart(9)} | ${(rate / base).toFixed(2).padStart(5)} | ${p50.padStart(8)} | ${p99.padStart(8)} |`;
  console.log(
    `audit store bench: ${N} events x ${raw.length} rounds (median), batch ${BATCH}, temp-file WAL DB in ${dir}, synchronous=NORMAL`,
  );
  console.log('| variant                                    |  events/s | ratio | p50 µs   | p99 µs   |');
  console.log('|--------------------------------------------|-----------|-------|----------|----------|');
  console.log(row('raw prepared INSERT, 1 tx/batch (baseline)', base));
  console.log(row('store: append() batched + HMAC chain', k.rate, k.p50.toFixed(2), k.p99.toFixed(2)));
  console.log(row('store: append() batched, no key', u.rate, u.p50.toFixed(2), u.p99.toFixed(2)));
  console.log(`HMAC-SHA256 chain step: ${hmacCostUs(makeEvents(9)).toFixed(2)} µs/event`);
  console.log(
    `targets: store >= 200,000 events/s: ${k.rate >= 200_000 ? 'met' : 'NOT met'}; store >= 0.75 x raw: ${k.rate >= 0.75 * base ? 'met' : 'NOT met'} (${(k.rate / base).toFixed(2)})`,
  );
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
