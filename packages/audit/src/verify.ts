import type { Database } from 'better-sqlite3';
import { type ChainMark, chainMac, type IntegrityKey, isMarkValid } from './chain';
import { type ChainRow, chainRows, columnMismatch } from './chain-rows';
import { readMark, readMeta } from './meta';

/** What kind of damage verification found first. */
export type VerifyProblem =
  | 'wrong-key'
  | 'anchor'
  | 'head'
  | 'altered'
  | 'removed'
  | 'inserted'
  | 'reordered'
  | 'unchained';

export type VerifyResult =
  | {
      ok: true;
      /** Events whose MAC was checked. */
      checked: number;
      /** Rows older than the chain (written before a key was configured); not covered. */
      unchained: number;
    }
  | { ok: false; problem: VerifyProblem; message: string; seq?: number; eventId?: string; checked: number };

type Failure = Extract<VerifyResult, { ok: false }>;

function fail(problem: VerifyProblem, message: string, row?: ChainRow, checked = 0): Failure {
  return { ok: false, problem, message, seq: row?.seq, eventId: row?.eventId, checked };
}

function count(db: Database, where: string, arg?: number): number {
  const stmt = db.prepare(`SELECT COUNT(*) AS n FROM events WHERE ${where}`);
  return ((arg === undefined ? stmt.get() : stmt.get(arg)) as { n: number }).n;
}

function firstRow(db: Database, where: string, arg?: number): ChainRow | undefined {
  const row = db.prepare(`SELECT seq, event_id FROM events WHERE ${where} ORDER BY rowid LIMIT 1`);
  const r = (arg === undefined ? row.get() : row.get(arg)) as { seq: number; event_id: string } | undefined;
  return r === undefined
    ? undefined
    : { seq: r.seq, eventId: r.event_id, payload: '', mac: null, columns: [] };
}

/** Checks the whole HMAC chain and reports the first altered, removed, inserted or reordered event. */
export function verifyChain(db: Database, key: IntegrityKey): VerifyResult {
  const keyId = readMeta(db, 'key_id');
  if (keyId !== undefined && keyId !== key.id) {
    return fail(
      'wrong-key',
      `the key does not match the one this database was written with (key id ${keyId})`,
    );
  }
  const anchor = readMark(db, 'anchor');
  if (anchor === undefined) {
    const stray = firstRow(db, 'chain_mac IS NOT NULL');
    if (stray !== undefined)
      return fail('anchor', 'chained events exist but the chain anchor is missing', stray);
    // Fails on purpose: stripping every MAC and the anchor must not read as "intact".
    return fail('unchained', 'no integrity chain: never written with a key, or the chain was stripped');
  }
  if (!isMarkValid(key, 'anchor', anchor)) return fail('anchor', 'the chain anchor was altered');
  // Since schema version 3 seq is the rowid and cannot be NULL (such a row gets the next seq and is
  // reported past the head); kept as a guard.
  const noSeq = firstRow(db, 'seq IS NULL');
  if (noSeq !== undefined) return fail('inserted', 'an event without a sequence number was added', noSeq);
  const forged = firstRow(db, 'seq < ? AND chain_mac IS NOT NULL', anchor.seq);
  if (forged !== undefined) return fail('inserted', 'a chained event sits before the chain anchor', forged);
  const walked = walk(db, key, anchor);
  if (!walked.ok) return walked;
  return { ...walked, unchained: count(db, 'seq < ?', anchor.seq) };
}

function walk(db: Database, key: IntegrityKey, anchor: ChainMark): VerifyResult {
  let expected = anchor.seq;
  let prev = anchor.mac;
  const rows = chainRows(db, anchor.seq);
  let next = rows.next();
  while (!next.done) {
    const row = next.value;
    next = rows.next();
    const after = next.done ? undefined : next.value;
    if (row.seq !== expected) {
      return fail(
        'removed',
        `events ${expected}..${row.seq - 1} are missing before this one`,
        row,
        expected - anchor.seq,
      );
    }
    const mac = chainMac(key, prev, expected, row.payload);
    if (row.mac !== mac) return classify({ key, prev, row, after, checked: expected - anchor.seq, db });
    const column = columnMismatch(row);
    if (column !== undefined) {
      return fail('altered', `column ${column} no longer matches the event`, row, expected - anchor.seq);
    }
    prev = mac;
    expected++;
  }
  return checkHead(db, key, { seq: expected - 1, mac: prev, checked: expected - anchor.seq });
}

interface Mismatch {
  key: IntegrityKey;
  prev: string;
  row: ChainRow;
  after: ChainRow | undefined;
  checked: number;
  db: Database;
}

/** Names the damage at the first row whose MAC does not fit, using its neighbour to tell cases apart. */
function classify({ key, prev, row, after, checked, db }: Mismatch): Failure {
  const seq = row.seq;
  if (after !== undefined && after.mac === chainMac(key, prev, seq, after.payload)) {
    if (after.mac !== null && row.mac === chainMac(key, after.mac, seq + 1, row.payload)) {
      return fail('reordered', `this event and the next (${after.eventId}) swapped places`, row, checked);
    }
    return fail(
      'inserted',
      'this event is not part of the chain (the next event follows on from the one before)',
      row,
      checked,
    );
  }
  if (
    after !== undefined &&
    row.mac !== null &&
    after.mac === chainMac(key, row.mac, seq + 1, after.payload)
  ) {
    return fail('altered', 'the event content was changed after it was written', row, checked);
  }
  if (after === undefined) {
    const head = readMark(db, 'head');
    if (head !== undefined && head.seq < seq)
      return fail('inserted', 'this event was added after the last write', row, checked);
    if (head !== undefined && head.seq === seq && head.mac === row.mac) {
      return fail('altered', 'the event content was changed after it was written', row, checked);
    }
  }
  return fail(
    'altered',
    'the chain breaks here: this event was altered, or events before it removed',
    row,
    checked,
  );
}

function checkHead(
  db: Database,
  key: IntegrityKey,
  last: { seq: number; mac: string; checked: number },
): VerifyResult {
  const head = readMark(db, 'head');
  if (head === undefined) {
    if (last.checked === 0) return { ok: true, checked: 0, unchained: 0 };
    return fail('head', 'the chain head is missing', undefined, last.checked);
  }
  if (!isMarkValid(key, 'head', head))
    return fail('head', 'the chain head was altered', undefined, last.checked);
  if (head.seq > last.seq) {
    return {
      ...fail(
        'removed',
        `the last events (${last.seq + 1}..${head.seq}) were removed`,
        undefined,
        last.checked,
      ),
      seq: last.seq + 1,
    };
  }
  if (head.seq < last.seq) {
    return fail(
      'head',
      `the chain head (${head.seq}) is older than the newest event (${last.seq})`,
      undefined,
      last.checked,
    );
  }
  if (head.mac !== last.mac) {
    return fail(
      'altered',
      'the newest event does not match the recorded chain head',
      undefined,
      last.checked,
    );
  }
  return { ok: true, checked: last.checked, unchained: 0 };
}
