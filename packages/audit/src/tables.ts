import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';

// Table and column names follow agentsh's events.db (internal/store/sqlite) so tools that read it keep
// working. Our additions: events.seq (commit order), events.chain_mac (HMAC chain) and the audit_meta /
// audit_schema_migrations tables. The SQL that creates all of this lives in migrations.ts; a test checks
// that both agree.

export const events = sqliteTable(
  'events',
  {
    eventId: text('event_id').notNull().unique(),
    tsUnixNs: integer('ts_unix_ns').notNull(),
    sessionId: text('session_id').notNull(),
    commandId: text('command_id'),
    type: text('type').notNull(),
    pid: integer('pid'),
    policyDecision: text('policy_decision'),
    effectiveDecision: text('effective_decision'),
    policyRule: text('policy_rule'),
    path: text('path'),
    domain: text('domain'),
    remote: text('remote'),
    operation: text('operation'),
    payloadJson: text('payload_json').notNull(),
    integrityJson: text('integrity_json'),
    // The rowid (INTEGER PRIMARY KEY) since schema version 3.
    seq: integer('seq').primaryKey(),
    chainMac: text('chain_mac'),
  },
  (t) => [
    index('idx_events_session_ts').on(t.sessionId, t.tsUnixNs),
    index('idx_events_command_ts').on(t.commandId, t.tsUnixNs).where(sql`command_id IS NOT NULL`),
    index('idx_events_type_ts').on(t.type, t.tsUnixNs),
    index('idx_events_path').on(t.path).where(sql`path IS NOT NULL`),
    index('idx_events_domain').on(t.domain).where(sql`domain IS NOT NULL`),
  ],
);

export const commandOutputs = sqliteTable('command_outputs', {
  commandId: text('command_id').primaryKey(),
  sessionId: text('session_id').notNull(),
  stdout: blob('stdout', { mode: 'buffer' }),
  stderr: blob('stderr', { mode: 'buffer' }),
  stdoutTotalBytes: integer('stdout_total_bytes').notNull(),
  stderrTotalBytes: integer('stderr_total_bytes').notNull(),
  stdoutTruncated: integer('stdout_truncated').notNull(),
  stderrTruncated: integer('stderr_truncated').notNull(),
  createdTsUnixNs: integer('created_ts_unix_ns').notNull(),
});

export const mcpTools = sqliteTable(
  'mcp_tools',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serverId: text('server_id').notNull(),
    toolName: text('tool_name').notNull(),
    toolHash: text('tool_hash').notNull(),
    description: text('description'),
    firstSeenNs: integer('first_seen_ns').notNull(),
    lastSeenNs: integer('last_seen_ns').notNull(),
    pinned: integer('pinned').default(1),
    detectionCount: integer('detection_count').default(0),
    maxSeverity: text('max_severity'),
  },
  (t) => [
    unique().on(t.serverId, t.toolName),
    index('idx_mcp_tools_server').on(t.serverId),
    index('idx_mcp_tools_severity').on(t.maxSeverity),
  ],
);

/** Key/value facts about the store: chain anchor, chain head, key id. */
export const auditMeta = sqliteTable('audit_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** One row per applied migration; the highest version is the schema version. */
export const auditSchemaMigrations = sqliteTable('audit_schema_migrations', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  appliedTsUnixNs: integer('applied_ts_unix_ns').notNull().default(sql`0`),
});
