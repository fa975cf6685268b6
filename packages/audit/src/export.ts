import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import { and, asc, gt } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { type EventQuery, eventConditions } from './query';
import { events } from './tables';

/** Rows fetched per page; export never holds more than this in memory. */
const PAGE = 1000;

/** Which events to export: the query filters without paging (all matching rows, in commit order). */
export type ExportFilter = Omit<EventQuery, 'limit' | 'offset' | 'order'>;

/**
 * Writes matching events as JSON lines (the stored payload_json, byte for byte) in commit order,
 * page by page (keyset on seq), honouring the stream's back-pressure. Resolves to the number of lines.
 */
export async function exportJsonl(db: Database, out: Writable, filter: ExportFilter = {}): Promise<number> {
  const orm = drizzle({ client: db });
  const where = eventConditions(filter);
  let after = Number.MIN_SAFE_INTEGER;
  let written = 0;
  for (;;) {
    const page = orm
      .select({ seq: events.seq, payload: events.payloadJson })
      .from(events)
      .where(and(gt(events.seq, after), where))
      .orderBy(asc(events.seq))
      .limit(PAGE)
      .all();
    for (const row of page) {
      if (!out.write(`${row.payload}\n`)) await once(out, 'drain');
    }
    written += page.length;
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE || last.seq === null) return written;
    after = last.seq;
  }
}
