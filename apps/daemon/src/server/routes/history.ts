import type { AuditStore, EventQuery, OutputStream } from '@agentsh/audit';
import { Hono } from 'hono';
import { DaemonError } from '../../errors';
import type { AppContext } from '../context';

/** What the read routes need from the audit store. */
export type AuditReadApi = Pick<AuditStore, 'query' | 'readOutput'>;

function intParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new DaemonError('DAEMON_BAD_REQUEST', `invalid ${name}: ${value}`);
  return n;
}

/** agentsh's query parameters (events/search and history). */
export function queryFromParams(q: (name: string) => string | undefined): EventQuery {
  const order = q('order');
  if (order !== undefined && order !== 'asc' && order !== 'desc') {
    throw new DaemonError('DAEMON_BAD_REQUEST', `invalid order: ${order}`);
  }
  const entries: [keyof EventQuery, unknown][] = [
    ['sessionId', q('session_id')],
    ['commandId', q('command_id')],
    ['types', q('type')?.split(',').filter(Boolean)],
    ['decision', q('decision')],
    ['pathLike', q('path_like')],
    ['domainLike', q('domain_like')],
    ['textLike', q('text_like')],
    ['since', q('since')],
    ['until', q('until')],
    ['limit', intParam(q('limit'), 'limit')],
    ['offset', intParam(q('offset'), 'offset')],
    ['order', order],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== '')) as EventQuery;
}

function runQuery(audit: AuditReadApi, query: EventQuery) {
  try {
    return audit.query(query);
  } catch (cause) {
    throw new DaemonError('DAEMON_BAD_REQUEST', (cause as Error).message, { cause });
  }
}

/** GET /events/search, /sessions/{id}/history and /sessions/{id}/output/{cmdID}. */
export function historyRoutes(ctx: AppContext, audit: AuditReadApi): Hono {
  const app = new Hono();
  app.get('/events/search', (c) =>
    c.json(
      runQuery(
        audit,
        queryFromParams((n) => c.req.query(n)),
      ),
    ),
  );
  app.get('/sessions/:id/history', (c) => {
    const sid = ctx.sessions.get(c.req.param('id')).view.id;
    return c.json(runQuery(audit, { ...queryFromParams((n) => c.req.query(n)), sessionId: sid }));
  });
  app.get('/sessions/:id/output/:cmdId', (c) => {
    ctx.sessions.get(c.req.param('id'));
    const stream = (c.req.query('stream') ?? 'stdout') as OutputStream;
    if (stream !== 'stdout' && stream !== 'stderr')
      throw new DaemonError('DAEMON_BAD_REQUEST', `invalid stream: ${stream}`);
    const chunk = audit.readOutput({
      commandId: c.req.param('cmdId'),
      stream,
      ...(c.req.query('offset') ? { offset: intParam(c.req.query('offset'), 'offset') as number } : {}),
      ...(c.req.query('limit') ? { limit: intParam(c.req.query('limit'), 'limit') as number } : {}),
    });
    if (!chunk) throw new DaemonError('DAEMON_NOT_FOUND', 'output not found');
    return c.json(chunk);
  });
  return app;
}
