import type { Database } from 'better-sqlite3';
import { and, asc, desc, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { AuditError } from './errors';
import { type AuditEvent, AuditEventSchema } from './schema';
import { events } from './tables';
import { parseTimeBound } from './time';

/** agentsh's event filters (GET /api/v1/events/search, `agentsh events query`). */
export interface EventQuery {
  readonly sessionId?: string;
  readonly commandId?: string;
  readonly types?: readonly string[];
  /** Matches the policy decision column (policy.decision). */
  readonly decision?: string;
  /** SQL LIKE patterns, used as given ('%' and '_' are the wildcards). */
  readonly pathLike?: string;
  readonly domainLike?: string;
  /** LIKE over the whole event JSON. */
  readonly textLike?: string;
  /** RFC3339 instant or a duration meaning "that long ago" (e.g. 15m); inclusive. */
  readonly since?: string;
  readonly until?: string;
  /** Default 200, at most 5000. */
  readonly limit?: number;
  readonly offset?: number;
  /** By timestamp, then commit order. Default 'asc'. */
  readonly order?: 'asc' | 'desc';
  /** Clock for duration bounds, in ms since the epoch (tests). */
  readonly nowMs?: number;
}

export const DEFAULT_QUERY_LIMIT = 200;
export const MAX_QUERY_LIMIT = 5000;

/** Clamps a requested limit the way agentsh does: missing or <= 0 gives the default, above max gives max. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return DEFAULT_QUERY_LIMIT;
  return Math.min(Math.trunc(limit), MAX_QUERY_LIMIT);
}

/** The WHERE clause for a query (also used by export). */
export function eventConditions(q: EventQuery): SQL | undefined {
  const conds: SQL[] = [];
  if (q.sessionId !== undefined) conds.push(eq(events.sessionId, q.sessionId));
  if (q.commandId !== undefined) conds.push(eq(events.commandId, q.commandId));
  if (q.types !== undefined && q.types.length > 0) conds.push(inArray(events.type, [...q.types]));
  if (q.decision !== undefined) conds.push(eq(events.policyDecision, q.decision));
  if (q.pathLike !== undefined) conds.push(like(events.path, q.pathLike));
  if (q.domainLike !== undefined) conds.push(like(events.domain, q.domainLike));
  if (q.textLike !== undefined) conds.push(like(events.payloadJson, q.textLike));
  if (q.since !== undefined) {
    conds.push(sql`${events.tsUnixNs} >= ${parseTimeBound(q.since, 'since', q.nowMs)}`);
  }
  if (q.until !== undefined) {
    conds.push(sql`${events.tsUnixNs} <= ${parseTimeBound(q.until, 'until', q.nowMs)}`);
  }
  return conds.length === 0 ? undefined : and(...conds);
}

/** Parses a stored payload_json; the row's shape can drift, so it is checked. */
export function parseStoredEvent(payload: string, where: string): AuditEvent {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (cause) {
    throw new AuditError('AUDIT_QUERY', `${where}: payload_json is not valid JSON`, { cause });
  }
  const result = AuditEventSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AuditError(
      'AUDIT_QUERY',
      `${where}: payload_json is not an event (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return result.data;
}

/** Runs a filtered query and returns the events in agentsh's JSON shape. */
export function queryEvents(db: Database, q: EventQuery = {}): AuditEvent[] {
  const dir = q.order === 'desc' ? desc : asc;
  const rows = drizzle({ client: db })
    .select({ id: events.eventId, payload: events.payloadJson })
    .from(events)
    .where(eventConditions(q))
    .orderBy(dir(events.tsUnixNs), dir(events.seq))
    .limit(clampLimit(q.limit))
    .offset(Math.max(0, Math.trunc(q.offset ?? 0)))
    .all();
  return rows.map((r) => parseStoredEvent(r.payload, `events[${r.id}]`));
}
