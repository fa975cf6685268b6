import type { Database } from 'better-sqlite3';
import { timestampToNs } from './time';

/** One events row as verification reads it (integers as bigint, so ts_unix_ns keeps its nanoseconds). */
export interface ChainRow {
  readonly seq: number;
  readonly eventId: string;
  readonly payload: string;
  readonly mac: string | null;
  readonly columns: readonly unknown[];
}

const PAGE = 2000;
const COLUMN_NAMES = [
  'event_id',
  'ts_unix_ns',
  'session_id',
  'command_id',
  'type',
  'pid',
  'policy_decision',
  'effective_decision',
  'policy_rule',
  'path',
  'domain',
  'remote',
  'operation',
] as const;

/** Rows with seq >= from, in seq order, fetched page by page. */
export function* chainRows(db: Database, from: number): Generator<ChainRow> {
  const stmt = db
    .prepare(
      `SELECT seq, payload_json, chain_mac, ${COLUMN_NAMES.join(', ')} FROM events
       WHERE seq >= ? ORDER BY seq LIMIT ${PAGE}`,
    )
    .safeIntegers(true);
  let next = BigInt(from);
  for (;;) {
    const page = stmt.all(next) as Record<string, unknown>[];
    for (const r of page) {
      yield {
        seq: Number(r.seq),
        eventId: String(r.event_id),
        payload: String(r.payload_json),
        mac: typeof r.chain_mac === 'string' ? r.chain_mac : null,
        columns: COLUMN_NAMES.map((c) => r[c]),
      };
    }
    if (page.length < PAGE) return;
    next = BigInt(Number((page.at(-1) as Record<string, unknown>).seq)) + 1n;
  }
}

function normal(v: unknown): unknown {
  return typeof v === 'number' ? BigInt(v) : (v ?? null);
}

/**
 * The first indexed column whose value differs from what the payload says (agentsh copies these out of
 * the event), or undefined. Queries filter on these columns, so they must match the MAC'd payload.
 */
export function columnMismatch(row: ChainRow): string | undefined {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(row.payload) as Record<string, unknown>;
  } catch {
    return 'payload_json';
  }
  const policy = (e.policy ?? {}) as Record<string, unknown>;
  const expected: unknown[] = [
    e.id,
    typeof e.timestamp === 'string' ? timestampToNs(e.timestamp) : undefined,
    e.session_id,
    e.command_id,
    e.type,
    e.pid,
    policy.decision,
    policy.effective_decision,
    policy.rule,
    e.path,
    e.domain,
    e.remote,
    e.operation,
  ];
  for (let i = 0; i < COLUMN_NAMES.length; i++) {
    if (normal(expected[i]) !== normal(row.columns[i])) return COLUMN_NAMES[i];
  }
  return undefined;
}
