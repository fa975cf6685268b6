import type { Database } from 'better-sqlite3';
import { AuditError } from './errors';

/** One forward-only schema step. The SQL ships inside the bundle, so no files are read at run time. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const ALL_COLUMNS =
  'event_id, ts_unix_ns, session_id, command_id, type, pid, policy_decision, effective_decision, ' +
  'policy_rule, path, domain, remote, operation, payload_json, integrity_json, seq, chain_mac';

/**
 * Version 1 is agentsh's events.db as it is (IF NOT EXISTS, so an agentsh database is adopted in place);
 * version 2 adds what we need on top of it; version 3 rebuilds events for cheaper inserts.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'agentsh-events-db',
    sql: `
CREATE TABLE IF NOT EXISTS events (
  event_id TEXT PRIMARY KEY, ts_unix_ns INTEGER NOT NULL, session_id TEXT NOT NULL, command_id TEXT,
  type TEXT NOT NULL, pid INTEGER, policy_decision TEXT, effective_decision TEXT, policy_rule TEXT,
  path TEXT, domain TEXT, remote TEXT, operation TEXT, payload_json TEXT NOT NULL, integrity_json TEXT
);
CREATE INDEX IF NOT EXISTS idx_events_session_ts ON events(session_id, ts_unix_ns);
CREATE INDEX IF NOT EXISTS idx_events_command_ts ON events(command_id, ts_unix_ns);
CREATE INDEX IF NOT EXISTS idx_events_type_ts ON events(type, ts_unix_ns);
CREATE INDEX IF NOT EXISTS idx_events_path ON events(path);
CREATE INDEX IF NOT EXISTS idx_events_domain ON events(domain);
CREATE TABLE IF NOT EXISTS command_outputs (
  command_id TEXT PRIMARY KEY, session_id TEXT NOT NULL, stdout BLOB, stderr BLOB,
  stdout_total_bytes INTEGER NOT NULL, stderr_total_bytes INTEGER NOT NULL,
  stdout_truncated INTEGER NOT NULL, stderr_truncated INTEGER NOT NULL, created_ts_unix_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mcp_tools (
  id INTEGER PRIMARY KEY AUTOINCREMENT, server_id TEXT NOT NULL, tool_name TEXT NOT NULL,
  tool_hash TEXT NOT NULL, description TEXT, first_seen_ns INTEGER NOT NULL, last_seen_ns INTEGER NOT NULL,
  pinned INTEGER DEFAULT 1, detection_count INTEGER DEFAULT 0, max_severity TEXT,
  UNIQUE(server_id, tool_name)
);
CREATE INDEX IF NOT EXISTS idx_mcp_tools_server ON mcp_tools(server_id);
CREATE INDEX IF NOT EXISTS idx_mcp_tools_severity ON mcp_tools(max_severity);
`,
  },
  {
    version: 2,
    name: 'seq-chain-meta',
    sql: `
ALTER TABLE events ADD COLUMN seq INTEGER;
ALTER TABLE events ADD COLUMN chain_mac TEXT;
UPDATE events SET seq = rowid WHERE seq IS NULL;
CREATE UNIQUE INDEX idx_events_seq ON events(seq);
CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
  {
    // Write throughput (docs/benchmarks.md): seq becomes the rowid (INTEGER PRIMARY KEY), so an insert
    // no longer maintains a separate seq index; event_id stays unique through its own index; path, domain
    // and command_id indexes become partial (NULL rows skip them; agentsh's `col = ?` / LIKE filters
    // imply NOT NULL, so they still use them). Same table, column names and order; rows copied in seq order (a row some other writer
    // left without seq gets the next free one, after the chain head, where verify reports it).
    version: 3,
    name: 'seq-rowid-partial-indexes',
    sql: `
CREATE TABLE events_v3 (
  event_id TEXT NOT NULL UNIQUE, ts_unix_ns INTEGER NOT NULL, session_id TEXT NOT NULL, command_id TEXT,
  type TEXT NOT NULL, pid INTEGER, policy_decision TEXT, effective_decision TEXT, policy_rule TEXT,
  path TEXT, domain TEXT, remote TEXT, operation TEXT, payload_json TEXT NOT NULL, integrity_json TEXT,
  seq INTEGER PRIMARY KEY, chain_mac TEXT
);
INSERT INTO events_v3 (${ALL_COLUMNS}) SELECT ${ALL_COLUMNS} FROM events ORDER BY seq IS NULL, seq, rowid;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
CREATE INDEX idx_events_session_ts ON events(session_id, ts_unix_ns);
CREATE INDEX idx_events_command_ts ON events(command_id, ts_unix_ns) WHERE command_id IS NOT NULL;
CREATE INDEX idx_events_type_ts ON events(type, ts_unix_ns);
CREATE INDEX idx_events_path ON events(path) WHERE path IS NOT NULL;
CREATE INDEX idx_events_domain ON events(domain) WHERE domain IS NOT NULL;
`,
  },
];

/** The schema version this build writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS audit_schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ts_unix_ns INTEGER NOT NULL DEFAULT 0)`;

/** Reads the applied schema version (0 for an empty or agentsh-only database). */
export function readSchemaVersion(db: Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_schema_migrations'")
    .get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM audit_schema_migrations').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}

function tooNew(file: string, found: number): AuditError {
  return new AuditError(
    'AUDIT_MIGRATION',
    `${file}: schema version ${found} is newer than this build understands (${SCHEMA_VERSION})`,
    { hint: 'upgrade agentsh, or open the database with the build that wrote it' },
  );
}

/** Checks the version of a database opened read-only: it must be exactly ours. */
export function checkSchemaVersion(db: Database, file: string): void {
  const found = readSchemaVersion(db);
  if (found > SCHEMA_VERSION) throw tooNew(file, found);
  if (found < SCHEMA_VERSION) {
    throw new AuditError(
      'AUDIT_MIGRATION',
      `${file}: schema version ${found} is older than this build's (${SCHEMA_VERSION}); it cannot be migrated read-only`,
      { hint: 'open it once read-write (start the daemon) to migrate' },
    );
  }
}

/** Applies every pending migration, each in its own transaction. Returns the resulting version. */
export function migrate(db: Database, file: string): number {
  db.exec(VERSION_TABLE);
  const found = readSchemaVersion(db);
  if (found > SCHEMA_VERSION) throw tooNew(file, found);
  const record = db.prepare(
    'INSERT INTO audit_schema_migrations (version, name, applied_ts_unix_ns) VALUES (?, ?, ?)',
  );
  for (const step of MIGRATIONS) {
    if (step.version <= found) continue;
    try {
      db.transaction(() => {
        db.exec(step.sql);
        record.run(step.version, step.name, BigInt(Date.now()) * 1_000_000n);
      })();
    } catch (cause) {
      throw new AuditError('AUDIT_MIGRATION', `${file}: migration ${step.version} (${step.name}) failed`, {
        cause,
      });
    }
  }
  return SCHEMA_VERSION;
}
