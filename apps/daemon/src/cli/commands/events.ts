import { createWriteStream } from 'node:fs';
import { type AuditEvent, type EventQuery, openAuditReader } from '@agentsh/audit';
import type { Command } from 'commander';
import { clientFrom } from '../client-from';
import { type AuditCliIo, auditProcessIo, reporting } from './audit';
import { addEventsTail } from './events-tail';

interface FilterOpts {
  db?: string;
  dbPath?: string;
  session?: string;
  command?: string;
  type?: string;
  decision?: string;
  since?: string;
  until?: string;
  pathLike?: string;
  domainLike?: string;
  textLike?: string;
}

interface QueryOpts extends FilterOpts {
  limit?: string;
  offset?: string;
  order?: string;
  json?: boolean;
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'events.db to read directly (read-only; works while the daemon runs)')
    .option('--db-path <file>', 'same as --db (agentsh spelling)')
    .option('--session <id>', 'only this session')
    .option('--command <id>', 'only this command')
    .option('--type <types>', 'comma-separated event types')
    .option('--decision <d>', 'policy decision (allow, deny, approve, redirect, audit, soft_delete)')
    .option('--since <t>', 'RFC3339 time or duration ago (e.g. 1h)')
    .option('--until <t>', 'RFC3339 time or duration ago')
    .option('--path-like <p>', 'SQL LIKE pattern on path')
    .option('--domain-like <p>', 'SQL LIKE pattern on domain')
    .option('--text-like <p>', 'SQL LIKE pattern on the whole event JSON');
}

function dbOf(opts: FilterOpts): string {
  const db = opts.db ?? opts.dbPath;
  if (db === undefined) throw new Error('--db FILE is required');
  return db;
}

/** agentsh's /api/v1/events/search parameters for the same flags. */
export function searchParams(opts: QueryOpts, order: string): URLSearchParams {
  const pairs: [string, string | undefined][] = [
    ['session_id', opts.session],
    ['command_id', opts.command],
    ['type', opts.type],
    ['decision', opts.decision],
    ['since', opts.since],
    ['until', opts.until],
    ['path_like', opts.pathLike],
    ['domain_like', opts.domainLike],
    ['text_like', opts.textLike],
    ['limit', opts.limit],
    ['offset', opts.offset],
    ['order', order],
  ];
  return new URLSearchParams(pairs.filter((p): p is [string, string] => p[1] !== undefined));
}

function filterOf(opts: FilterOpts): EventQuery {
  const types = opts.type
    ?.split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return {
    sessionId: opts.session,
    commandId: opts.command,
    types,
    decision: opts.decision,
    since: opts.since,
    until: opts.until,
    pathLike: opts.pathLike,
    domainLike: opts.domainLike,
    textLike: opts.textLike,
  };
}

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a non-negative integer`);
  return n;
}

/** One line of the text table: time, type, session, decision, target, rule. */
export function formatEventLine(e: AuditEvent): string {
  const decision = e.policy?.effective_decision ?? e.policy?.decision ?? '-';
  const target = e.path ?? e.domain ?? e.remote ?? '-';
  return [
    e.timestamp,
    e.type.padEnd(18),
    e.session_id,
    decision.padEnd(8),
    target,
    e.policy?.rule ?? '',
  ].join('  ');
}

function queryFile(opts: QueryOpts, order: 'asc' | 'desc'): AuditEvent[] {
  const reader = openAuditReader({ path: dbOf(opts) });
  try {
    return reader.query({
      ...filterOf(opts),
      limit: intOption(opts.limit, 'limit'),
      offset: intOption(opts.offset, 'offset'),
      order,
    });
  } finally {
    reader.close();
  }
}

/** Reads the events file with --db, otherwise asks the server (agentsh's default). */
async function runQuery(opts: QueryOpts, cmd: Command, io: AuditCliIo): Promise<void> {
  const order = opts.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new Error('--order: expected asc or desc');
  const found =
    opts.db === undefined && opts.dbPath === undefined
      ? (
          await clientFrom(cmd).request<AuditEvent[]>(
            'GET',
            `/api/v1/events/search?${searchParams(opts, order)}`,
          )
        ).data
      : queryFile(opts, order);
  if (opts.json === true) {
    for (const e of found) io.out(`${JSON.stringify(e)}\n`);
    return;
  }
  io.out(`${['TIME', 'TYPE'.padEnd(18), 'SESSION', 'DECISION', 'TARGET', 'RULE'].join('  ')}\n`);
  for (const e of found) io.out(`${formatEventLine(e)}\n`);
}

async function runExport(
  opts: FilterOpts & { format?: string; output?: string },
  io: AuditCliIo,
): Promise<void> {
  if ((opts.format ?? 'jsonl') !== 'jsonl') throw new Error('--format: only jsonl is supported');
  const reader = openAuditReader({ path: dbOf(opts) });
  const out = opts.output === undefined ? io.stdout : createWriteStream(opts.output);
  // A closed pipe (`... | head`) ends the export quietly, as other CLIs do.
  const quiet = (err: unknown): boolean => (err as { code?: string }).code === 'EPIPE';
  const onError = (err: unknown): void => {
    if (!quiet(err)) io.err(`agentsh: ${(err as Error).message}\n`);
  };
  out.on('error', onError);
  try {
    await reader.exportJsonl(out, filterOf(opts));
  } catch (err) {
    if (!quiet(err)) throw err;
  } finally {
    out.off('error', onError);
    reader.close();
    if (opts.output !== undefined) await new Promise((done) => out.end(done));
  }
}

/** `agentsh events query|export` (an events.db file or the server) and `events tail` (the server). */
export function registerEventsCommand(program: Command, io: AuditCliIo = auditProcessIo): void {
  const events = program.command('events').description('query and export stored audit events');
  withFilters(
    events
      .command('query')
      .description('stored events, newest first, from --db FILE or else the server (--server)'),
  )
    .option('--limit <n>', 'at most this many (default 200, max 5000)')
    .option('--offset <n>', 'skip this many')
    .option('--order <dir>', 'asc or desc by time', 'desc')
    .option('--json', 'one JSON event per line')
    .action((opts: QueryOpts, cmd: Command) => reporting(io, () => runQuery(opts, cmd, io)));
  withFilters(events.command('export').description('every matching event as JSON lines, oldest first'))
    .option('--format <f>', 'output format (jsonl)', 'jsonl')
    .option('--output <file>', 'write here instead of stdout')
    .action((opts: FilterOpts & { format?: string; output?: string }) =>
      reporting(io, () => runExport(opts, io)),
    );
  addEventsTail(events, io);
}
