import type { Database, RunResult, Statement } from 'better-sqlite3';
import { chainMac, GENESIS, type IntegrityKey, signMark } from './chain';
import { readMark, writeMark } from './meta';
import { EVENT_COLUMNS, EVENT_PARAMS, type PendingEvent } from './row';

/** Appends batches to events in one transaction each, extending the HMAC chain. The one writer. */
export interface BatchWriter {
  /** Inserts the batch and commits; duplicates (same event id) are skipped without a chain gap. */
  write(batch: readonly PendingEvent[]): number;
  readonly nextSeq: () => number;
}

interface ChainState {
  seq: number;
  mac: string;
}

function loadState(db: Database, key: IntegrityKey | undefined): ChainState {
  const row = db.prepare('SELECT MAX(seq) AS s FROM events').get() as { s: number | null };
  const seq = (row.s ?? 0) + 1;
  const head = key === undefined ? undefined : readMark(db, 'head');
  if (head !== undefined && head.seq === seq - 1) return { seq, mac: head.mac };
  const anchor = key === undefined ? undefined : readMark(db, 'anchor');
  if (anchor !== undefined && anchor.seq === seq) return { seq, mac: anchor.mac };
  const last = db.prepare('SELECT chain_mac AS m FROM events WHERE seq = ?').get(seq - 1) as
    | { m: string | null }
    | undefined;
  return { seq, mac: last?.m ?? GENESIS };
}

/** Creates the writer; on a keyed database without an anchor, anchors the chain after existing rows. */
export function createBatchWriter(db: Database, key: IntegrityKey | undefined): BatchWriter {
  const state = loadState(db, key);
  if (key !== undefined && readMark(db, 'anchor') === undefined) {
    writeMark(db, 'anchor', signMark(key, 'anchor', state.seq, state.mac));
  }
  const one = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${EVENT_PARAMS}`);
  const orIgnore = db.prepare(`INSERT OR IGNORE INTO events (${EVENT_COLUMNS}) VALUES ${EVENT_PARAMS}`);
  const mac = (prev: string, seq: number, p: PendingEvent): string | null =>
    key === undefined ? null : chainMac(key, prev, seq, p.payload);

  const fast = db.transaction((batch: readonly PendingEvent[]): ChainState => {
    let { seq, mac: prev } = state;
    for (const p of batch) {
      const m = mac(prev, seq, p);
      insertRow(one, p, seq, m);
      seq++;
      prev = m ?? prev;
    }
    return finish(seq, prev);
  });

  const slow = db.transaction((batch: readonly PendingEvent[]): ChainState => {
    let { seq, mac: prev } = state;
    for (const p of batch) {
      const m = mac(prev, seq, p);
      if (insertRow(orIgnore, p, seq, m).changes === 0) continue;
      seq++;
      prev = m ?? prev;
    }
    return finish(seq, prev);
  });

  function finish(seq: number, prev: string): ChainState {
    if (key !== undefined && seq !== state.seq) writeMark(db, 'head', signMark(key, 'head', seq - 1, prev));
    return { seq, mac: prev };
  }

  return {
    write(batch) {
      if (batch.length === 0) return 0;
      const before = state.seq;
      let next: ChainState;
      try {
        next = fast(batch);
      } catch (err) {
        // A duplicate event id (journal replay): redo the batch skipping it, so the chain has no gap.
        if ((err as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
        next = slow(batch);
      }
      state.seq = next.seq;
      state.mac = next.mac;
      return next.seq - before;
    },
    nextSeq: () => state.seq,
  };
}

/**
 * One prepared single-row INSERT with positional arguments: measured cheaper in CPU than multi-row
 * VALUES lists or array binding (bench/store.bench.ts).
 */
function insertRow(stmt: Statement, p: PendingEvent, seq: number, mac: string | null): RunResult {
  const v = p.values;
  return stmt.run(
    v[0],
    v[1],
    v[2],
    v[3],
    v[4],
    v[5],
    v[6],
    v[7],
    v[8],
    v[9],
    v[10],
    v[11],
    v[12],
    v[13],
    seq,
    mac,
  );
}
