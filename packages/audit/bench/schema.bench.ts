// pnpm --filter @agentsh/audit bench:schema: raw better-sqlite3 inserts (no store, no HMAC work timed)
// into variants of the events table, to see what each B-tree, id kind and pragma costs. The measurement
// log behind schema version 3 (docs/benchmarks.md). Rows as in store.bench.ts; one transaction per
// AUDIT_BENCH_BATCH rows; WAL, synchronous=NORMAL; a fresh file per case in AUDIT_BENCH_DIR (os.tmpdir()).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newEventId } from '../src/event-id';
import { EVENT_COLUMNS, EVENT_PARAMS } from '../src/row';
import { insertRow } from './raw-insert';

const N = Number(process.env.AUDIT_BENCH_EVENTS ?? 100_000);
const BATCH = Number(process.env.AUDIT_BENCH_BATCH ?? 1000);
const ROUNDS = Number(process.env.AUDIT_BENCH_ROUNDS ?? 2);
// Rows already in the table before the timed inserts (a grown database; untimed, 50,000 per transaction).
const PREFILL = Number(process.env.AUDIT_BENCH_PREFILL ?? 0);
// Only the cases whose name contains this text.
const ONLY = process.env.AUDIT_BENCH_CASES ?? '';
const dir = mkdtempSync(join(process.env.AUDIT_BENCH_DIR ?? tmpdir(), 'agentsh-audit-schema-'));

const COLS = `ts_unix_ns INTEGER NOT NULL, session_id TEXT NOT NULL, command_id TEXT, type TEXT NOT NULL,
  pid INTEGER, policy_decision TEXT, effective_decision TEXT, policy_rule TEXT, path TEXT, domain TEXT,
  remote TEXT, operation TEXT, payload_json TEXT NOT NULL, integrity_json TEXT`;
const V2 = `CREATE TABLE events (event_id TEXT PRIMARY KEY, ${COLS}, seq INTEGER, chain_mac TEXT);
  CREATE UNIQUE INDEX idx_events_seq ON events(seq);`;
const V3 = `CREATE TABLE events (event_id TEXT NOT NULL UNIQUE, ${COLS}, seq INTEGER PRIMARY KEY, chain_mac TEXT);`;
const NO_ID = `CREATE TABLE events (event_id TEXT NOT NULL, ${COLS}, seq INTEGER PRIMARY KEY, chain_mac TEXT);`;
const idx = (partial: boolean, only = 5): string =>
  [
    'CREATE INDEX i1 ON events(session_id, ts_unix_ns)',
    `CREATE INDEX i2 ON events(command_id, ts_unix_ns)${partial ? ' WHERE command_id IS NOT NULL' : ''}`,
    'CREATE INDEX i3 ON events(type, ts_unix_ns)',
    `CREATE INDEX i4 ON events(path)${partial ? ' WHERE path IS NOT NULL' : ''}`,
    `CREATE INDEX i5 ON events(domain)${partial ? ' WHERE domain IS NOT NULL' : ''}`,
  ]
    .slice(0, only)
    .join(';');

type Ids = 'v4' | 'v7';
interface Case {
  name: string;
  ddl: string;
  ids: Ids;
  pageSize?: number;
  cacheKib?: number;
  mmapBytes?: number;
}
const P = { pageSize: 16384 };
const CASES: Case[] = [
  { name: 'v2 schema, v4 ids, 4 KiB pages (before)', ddl: V2 + idx(false), ids: 'v4' },
  { name: 'v2 schema, v7 ids', ddl: V2 + idx(false), ids: 'v7' },
  { name: 'seq as rowid, full indexes, v7', ddl: V3 + idx(false), ids: 'v7' },
  { name: 'v3 (seq rowid + partial), v7, 4 KiB', ddl: V3 + idx(true), ids: 'v7' },
  { name: 'v3, v7, 16 KiB pages (after)', ddl: V3 + idx(true), ids: 'v7', ...P },
  { name: 'v3, v7, 16 KiB pages, 64 MiB cache', ddl: V3 + idx(true), ids: 'v7', ...P, cacheKib: 65536 },
  { name: 'v3, v7, 16 KiB, mmap 256 MiB', ddl: V3 + idx(true), ids: 'v7', ...P, mmapBytes: 256 << 20 },
  { name: 'v3, v4 ids, 16 KiB', ddl: V3 + idx(true), ids: 'v4', ...P },
  { name: 'floor: no index at all', ddl: NO_ID, ids: 'v7', ...P },
  { name: '+ event_id unique', ddl: V3, ids: 'v7', ...P },
  { name: '+ (session_id, ts)', ddl: V3 + idx(true, 1), ids: 'v7', ...P },
  { name: '+ (command_id, ts)', ddl: V3 + idx(true, 2), ids: 'v7', ...P },
  { name: '+ (type, ts)', ddl: V3 + idx(true, 3), ids: 'v7', ...P },
  { name: '+ path, domain partial (= v3)', ddl: V3 + idx(true, 5), ids: 'v7', ...P },
];

function rows(ids: Ids, from: number, count: number): unknown[][] {
  const base = Date.UTC(2026, 10, 27, 12);
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const net = i % 3 === 0;
    const id = ids === 'v4' ? randomUUID() : newEventId();
    const path = net ? null : `/workspace/src/m${i % 500}/f${i}.ts`;
    const domain = net ? `api${i % 50}.example.com` : null;
    const e = { id, type: net ? 'net_connect' : 'file_open', path, domain, fields: { bytes: i } };
    const ts = `${BigInt(base + i) * 1_000_000n}`;
    const payload = JSON.stringify(e).padEnd(370, ' ');
    const row: unknown[] = [id, ts, `session-${i % 8}-2b6e4c1a`, `cmd-${i >> 6}`, e.type, 4000 + (i % 97)];
    row.push('allow', 'allow', 'workspace-rw', path, domain, net ? '127.0.0.1:443' : null, 'open');
    row.push(payload, i + 1, 'm'.repeat(43));
    return row;
  });
}

function run(c: Case, file: string): { wall: number; cpu: number } {
  const db = new Database(file);
  if (c.pageSize !== undefined) db.pragma(`page_size = ${c.pageSize}`);
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (c.cacheKib !== undefined) db.pragma(`cache_size = -${c.cacheKib}`);
  if (c.mmapBytes !== undefined) db.pragma(`mmap_size = ${c.mmapBytes}`);
  db.exec(c.ddl);
  const insert = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${EVENT_PARAMS}`);
  const tx = db.transaction((data: unknown[][], from: number, batch: number) => {
    for (let i = from; i < Math.min(from + batch, data.length); i++) {
      const v = data[i] as unknown[];
      insertRow(insert, v);
    }
  });
  for (let i = 0; i < PREFILL; i += 50_000) tx(rows(c.ids, i, Math.min(50_000, PREFILL - i)), 0, 50_000);
  db.pragma('wal_checkpoint(TRUNCATE)');
  // Made after the prefill so time-ordered ids keep growing, as they would in a live database.
  const data = rows(c.ids, PREFILL, N);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < data.length; i += BATCH) tx(data, i, BATCH);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  db.close();
  return { wall: (N / ms) * 1000, cpu: (N / (cpu.user + cpu.system)) * 1e6 };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);
try {
  console.log(
    `schema variants: ${N} rows into a table of ${PREFILL}, batch ${BATCH}, best of ${ROUNDS} rounds, in ${dir}`,
  );
  console.log('| case | rows/s wall | rows/CPU-s |\n|---|---:|---:|');
  const cases = CASES.filter((c) => c.name.includes(ONLY));
  const best = cases.map(() => ({ wall: 0, cpu: 0 }));
  for (let r = 0; r < ROUNDS; r++) {
    cases.forEach((c, k) => {
      const got = run(c, join(dir, `r${r}-${k}.db`));
      const b = best[k] as { wall: number; cpu: number };
      b.wall = Math.max(b.wall, got.wall);
      b.cpu = Math.max(b.cpu, got.cpu);
    });
  }
  for (const [k, c] of cases.entries()) {
    console.log(`| ${c.name} | ${fmt(best[k]?.wall ?? 0)} | ${fmt(best[k]?.cpu ?? 0)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
