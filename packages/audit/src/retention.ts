import type { Database } from 'better-sqlite3';
import { GENESIS, type IntegrityKey, signMark } from './chain';
import { writeMark } from './meta';

/** What to keep. Both limits may be given; the stricter one wins. */
export interface RetentionOptions {
  /** Delete events (and outputs) older than this many milliseconds. */
  readonly maxAgeMs?: number;
  /** Delete the oldest events until the database's used pages fit in this many bytes. */
  readonly maxBytes?: number;
  readonly nowMs?: number;
}

/** Retention the store applies by itself: at open, then every `intervalMs` (default one hour). */
export interface RetentionSchedule extends RetentionOptions {
  readonly intervalMs?: number;
  /** Called when a scheduled run fails (the store has no logger of its own). */
  readonly onError?: (err: unknown) => void;
}

export interface RetentionResult {
  deletedEvents: number;
  deletedOutputs: number;
  /** First sequence number still in the chain (the new anchor). */
  firstKeptSeq: number;
}

function usedBytes(db: Database): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return (pages - free) * size;
}

function firstSeq(db: Database, nextSeq: number): number {
  const row = db.prepare('SELECT MIN(seq) AS s FROM events').get() as { s: number | null };
  return row.s ?? nextSeq;
}

/** Deletes every event below `keepFrom` and every output older than the first kept event. */
function cutBelow(db: Database, key: IntegrityKey | undefined, keepFrom: number): [number, number] {
  const prev = db.prepare('SELECT chain_mac AS m FROM events WHERE seq = ?').get(keepFrom - 1) as
    | { m: string | null }
    | undefined;
  const deleted = db.prepare('SELECT COUNT(*) AS n FROM events WHERE seq < ?').get(keepFrom) as { n: number };
  if (deleted.n === 0) return [0, 0];
  db.prepare('DELETE FROM events WHERE seq < ?').run(keepFrom);
  if (key !== undefined) writeMark(db, 'anchor', signMark(key, 'anchor', keepFrom, prev?.m ?? GENESIS));
  const oldest = db.prepare('SELECT MIN(ts_unix_ns) AS t FROM events').safeIntegers(true).get() as {
    t: bigint | null;
  };
  const outputs =
    oldest.t === null
      ? db.prepare('DELETE FROM command_outputs').run()
      : db.prepare('DELETE FROM command_outputs WHERE created_ts_unix_ns < ?').run(oldest.t);
  return [deleted.n, outputs.changes];
}

/**
 * Deletes the oldest events (a prefix of the chain, so what stays still verifies from a signed anchor)
 * by age and by size, then returns freed pages to the file system.
 */
export function applyRetention(
  db: Database,
  chain: { readonly key: IntegrityKey | undefined; readonly nextSeq: number },
  options: RetentionOptions,
): RetentionResult {
  const { key, nextSeq } = chain;
  const result: RetentionResult = {
    deletedEvents: 0,
    deletedOutputs: 0,
    firstKeptSeq: firstSeq(db, nextSeq),
  };
  const cut = (keepFrom: number): void => {
    const [e, o] = db.transaction(() => cutBelow(db, key, keepFrom))();
    result.deletedEvents += e;
    result.deletedOutputs += o;
    result.firstKeptSeq = Math.max(result.firstKeptSeq, keepFrom);
  };
  if (options.maxAgeMs !== undefined) {
    const cutoff = BigInt((options.nowMs ?? Date.now()) - options.maxAgeMs) * 1_000_000n;
    const row = db.prepare('SELECT MIN(seq) AS s FROM events WHERE ts_unix_ns >= ?').get(cutoff) as {
      s: number | null;
    };
    cut(row.s ?? nextSeq);
  }
  if (options.maxBytes !== undefined) shrinkTo(db, options.maxBytes, nextSeq, cut);
  db.pragma('incremental_vacuum');
  return result;
}

/**
 * Cuts to the number of events the byte budget holds (at the current bytes per event), then compacts:
 * deleting a prefix leaves index pages half empty, so a VACUUM (safe: the chain uses seq, not rowid)
 * follows when freeing pages was not enough. A few rounds at most.
 */
function shrinkTo(db: Database, maxBytes: number, nextSeq: number, cut: (keepFrom: number) => void): void {
  for (let round = 0; round < 4; round++) {
    const used = usedBytes(db);
    if (used <= maxBytes) return;
    const count = nextSeq - firstSeq(db, nextSeq);
    if (count <= 0) return;
    const keep = Math.floor((count * maxBytes * 0.9) / used);
    cut(nextSeq - Math.min(keep, count - 1));
    db.pragma('incremental_vacuum');
    if (usedBytes(db) > maxBytes) db.exec('VACUUM');
  }
}

/** Runs `prune` now and on an unref'd timer; returns the function that stops it. */
export function scheduleRetention(prune: () => void, schedule: RetentionSchedule): () => void {
  const run = (): void => {
    try {
      prune();
    } catch (err) {
      schedule.onError?.(err);
    }
  };
  run();
  const timer = setInterval(run, schedule.intervalMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
