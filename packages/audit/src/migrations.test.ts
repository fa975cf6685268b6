import Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent, TEST_KEY, tempDir } from '../test/events';
import { MIGRATIONS, migrate, readSchemaVersion, SCHEMA_VERSION } from './migrations';
import { openAuditReader } from './reader';
import { openAuditStore } from './store';
import { auditMeta, auditSchemaMigrations, commandOutputs, events, mcpTools } from './tables';

interface IndexInfo {
  name: string;
  origin: string;
  partial: number;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function dbFile(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.file('events.db');
}

describe('migrations', () => {
  it('creates every table, column and index the drizzle schema declares', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ':memory:')).toBe(SCHEMA_VERSION);
    for (const table of [events, commandOutputs, mcpTools, auditMeta, auditSchemaMigrations]) {
      const cfg = getTableConfig(table);
      const cols = db.prepare(`PRAGMA table_info(${cfg.name})`).all() as {
        name: string;
        notnull: number;
        pk: number;
      }[];
      expect(cols.map((c) => c.name).sort()).toEqual(cfg.columns.map((c) => c.name).sort());
      for (const c of cfg.columns) {
        const found = cols.find((x) => x.name === c.name);
        expect(found?.notnull === 1, `${cfg.name}.${c.name} NOT NULL`).toBe(c.notNull && !c.primary);
      }
      const list = db.prepare(`PRAGMA index_list(${cfg.name})`).all() as IndexInfo[];
      const idx = list
        .filter((i) => i.origin === 'c')
        .map((i) => `${i.name}${i.partial ? ' partial' : ''}`)
        .sort();
      expect(idx).toEqual(
        cfg.indexes.map((i) => `${i.config.name}${i.config.where ? ' partial' : ''}`).sort(),
      );
      const pk = cols.filter((c) => c.pk > 0).map((c) => c.name);
      expect(pk).toEqual(cfg.columns.filter((c) => c.primary).map((c) => c.name));
    }
    db.close();
  });

  it('is idempotent and records one row per version', () => {
    const db = new Database(':memory:');
    migrate(db, 'x');
    migrate(db, 'x');
    expect(db.prepare('SELECT version, name FROM audit_schema_migrations ORDER BY version').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    );
    db.close();
  });

  it('adopts an agentsh events.db in place: old rows keep working and the chain starts after them', async () => {
    const path = dbFile();
    const legacy = new Database(path);
    legacy.exec(MIGRATIONS[0]?.sql ?? '');
    const insert = legacy.prepare(
      'INSERT INTO events (event_id, ts_unix_ns, session_id, type, payload_json) VALUES (?, ?, ?, ?, ?)',
    );
    for (const i of [1, 2]) {
      const e = makeEvent(i);
      insert.run(e.id, 1_700_000_000_000_000_000n + BigInt(i), e.session_id, e.type, JSON.stringify(e));
    }
    legacy.close();
    const store = openAuditStore({ path, key: TEST_KEY });
    await Promise.all([store.append(makeEvent(3)), store.flush()]);
    expect(store.query().map((e) => e.id)).toEqual(['ev-000001', 'ev-000002', 'ev-000003']);
    expect(store.verify()).toEqual({ ok: true, checked: 1, unchained: 2 });
    expect(readSchemaVersion(store.db)).toBe(SCHEMA_VERSION);
    await store.close();
  });

  it('refuses a database written by a newer schema, naming both versions', () => {
    const path = dbFile();
    const db = new Database(path);
    migrate(db, path);
    db.prepare("INSERT INTO audit_schema_migrations (version, name) VALUES (99, 'future')").run();
    db.close();
    expect(() => openAuditStore({ path })).toThrow(
      /schema version 99 is newer than this build understands \(3\)/,
    );
    expect(() => openAuditReader({ path })).toThrow(expect.objectContaining({ code: 'AUDIT_MIGRATION' }));
  });

  it('tells the reader to let the writer migrate an older database', () => {
    const path = dbFile();
    const db = new Database(path);
    db.exec(MIGRATIONS[0]?.sql ?? '');
    db.close();
    expect(() => openAuditReader({ path })).toThrow(
      /older than this build's \(3\); it cannot be migrated read-only/,
    );
  });

  it('reports a file that is not SQLite as AUDIT_OPEN', async () => {
    const path = dbFile();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path,
      'this is not a database, just some text that is long enough to be a header'.repeat(10),
    );
    expect(() => openAuditStore({ path })).toThrow(expect.objectContaining({ code: 'AUDIT_OPEN' }));
  });
});
