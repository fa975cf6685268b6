import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent, TEST_KEY, tempDir } from '../test/events';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from './migrations';
import { openAuditStore } from './store';

// What tools reading agentsh's events.db rely on, after schema version 3 rebuilt events for cheaper
// inserts (seq as rowid, partial path/domain/command indexes): same columns in the same order, a unique
// event_id, and an index for each of agentsh's filters.

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const AGENTSH_COLUMNS = [
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
  'payload_json',
  'integrity_json',
];

const plan = (db: Database.Database, sql: string, ...args: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
    .map((r) => r.detail)
    .join('; ');

describe('agentsh schema compatibility', () => {
  it("keeps agentsh's columns, in order, and a unique event_id", () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    const cols = db.prepare('PRAGMA table_info(events)').all() as { name: string }[];
    expect(cols.map((c) => c.name)).toEqual([...AGENTSH_COLUMNS, 'seq', 'chain_mac']);
    const insert = db.prepare(
      "INSERT INTO events (event_id, ts_unix_ns, session_id, type, payload_json) VALUES ('a', 1, 's', 't', '{}')",
    );
    insert.run();
    expect(() => insert.run()).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
    db.close();
  });

  it("answers agentsh's filters from an index", () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    const cases: [string, string][] = [
      ['SELECT * FROM events WHERE event_id = ?', 'sqlite_autoindex_events_1'],
      ['SELECT * FROM events WHERE session_id = ? ORDER BY ts_unix_ns', 'idx_events_session_ts'],
      ['SELECT * FROM events WHERE command_id = ? ORDER BY ts_unix_ns', 'idx_events_command_ts'],
      ['SELECT * FROM events WHERE type IN (?, ?) ORDER BY ts_unix_ns', 'idx_events_type_ts'],
      ['SELECT * FROM events WHERE path = ?', 'idx_events_path'],
      ['SELECT * FROM events WHERE domain = ?', 'idx_events_domain'],
      // LIKE implies NOT NULL, so the partial index still serves it (scanned, as before: agentsh's
      // LIKE is case-insensitive, which no BINARY index can seek).
      ['SELECT event_id FROM events WHERE path LIKE ?', 'idx_events_path'],
      ['SELECT event_id FROM events WHERE domain LIKE ?', 'idx_events_domain'],
      ['SELECT * FROM events WHERE seq >= ? ORDER BY seq', 'INTEGER PRIMARY KEY'],
    ];
    for (const [sql, index] of cases) {
      const args = Array.from(sql.matchAll(/\?/g), () => 'x');
      expect(plan(db, sql, ...args), sql).toContain(index);
    }
    db.close();
  });

  it('gives a version 2 row left without seq (written by another tool) the next free seq', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = new Database(t.file('events.db'));
    db.exec(`${MIGRATIONS[0]?.sql ?? ''}; CREATE TABLE audit_schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ts_unix_ns INTEGER NOT NULL DEFAULT 0)`);
    db.exec(MIGRATIONS[1]?.sql ?? '');
    db.exec("INSERT INTO audit_schema_migrations (version, name) VALUES (1, 'a'), (2, 'b')");
    const insert = db.prepare(
      "INSERT INTO events (event_id, ts_unix_ns, session_id, type, payload_json, seq) VALUES (?, 1, 's', 't', '{}', ?)",
    );
    insert.run('late', null);
    insert.run('first', 1);
    insert.run('second', 2);
    migrate(db, 'x');
    expect(db.prepare('SELECT event_id, seq FROM events ORDER BY seq').all()).toEqual([
      { event_id: 'first', seq: 1 },
      { event_id: 'second', seq: 2 },
      { event_id: 'late', seq: 3 },
    ]);
    db.close();
  });

  it('migrates a version 2 database (text primary key, seq index) with its chain intact', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = t.file('events.db');
    const store = openAuditStore({ path, key: TEST_KEY });
    for (let i = 1; i <= 5; i++) store.append(makeEvent(i));
    await store.close();
    // Rebuild events the way version 2 laid it out, then forget version 3.
    const db = new Database(path);
    for (const name of ['session_ts', 'command_ts', 'type_ts', 'path', 'domain'])
      db.exec(`DROP INDEX idx_events_${name}`);
    db.exec(`ALTER TABLE events RENAME TO events_new;
      ${MIGRATIONS[0]?.sql ?? ''}
      ALTER TABLE events ADD COLUMN seq INTEGER; ALTER TABLE events ADD COLUMN chain_mac TEXT;
      CREATE UNIQUE INDEX idx_events_seq ON events(seq);
      INSERT INTO events SELECT * FROM events_new; DROP TABLE events_new;
      DELETE FROM audit_schema_migrations WHERE version = 3;`);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 5 });
    expect(plan(db, 'SELECT * FROM events WHERE path = ?', 'x')).toContain('idx_events_path');
    db.close();

    const again = openAuditStore({ path, key: TEST_KEY });
    expect(again.verify()).toMatchObject({ ok: true, checked: 5 });
    await Promise.all([again.append(makeEvent(6)), again.flush()]);
    expect(again.verify()).toMatchObject({ ok: true, checked: 6 });
    const version = again.db.prepare('SELECT MAX(version) AS v FROM audit_schema_migrations').get();
    expect(version).toEqual({ v: SCHEMA_VERSION });
    const seqPk = again.db.prepare("SELECT pk FROM pragma_table_info('events') WHERE name = 'seq'").get();
    expect(seqPk).toEqual({ pk: 1 });
    await again.close();
  });
});
