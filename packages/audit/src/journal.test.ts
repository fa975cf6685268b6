import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent, TEST_KEY, tempDir } from '../test/events';
import { openJournal, parseJournal } from './journal';
import { openAuditStore } from './store';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function dbFile(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.file('events.db');
}
const count = (db: Database.Database): number =>
  (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

describe('spill journal', () => {
  it('acknowledges events through the journal while the database is locked, then drains it in order', async () => {
    const path = dbFile();
    const failures: string[] = [];
    const store = openAuditStore({
      path,
      key: TEST_KEY,
      busyTimeoutMs: 0,
      onWriteError: (err) => failures.push(String((err as { code?: string }).code)),
    });
    const locker = new Database(path);
    locker.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 10; i++) void store.append(makeEvent(i));
    await store.flush();
    expect(failures).toEqual(['SQLITE_BUSY']);
    expect(store.stats()).toMatchObject({ spilled: 10, committed: 0 });
    expect(readFileSync(`${path}.journal`, 'utf8').trim().split('\n')).toHaveLength(10);
    locker.exec('ROLLBACK');
    locker.close();
    for (let i = 10; i < 15; i++) void store.append(makeEvent(i));
    await store.flush();
    expect(store.stats().journalBytes).toBe(0);
    expect(store.query().map((e) => e.id)).toEqual(Array.from({ length: 15 }, (_, i) => makeEvent(i).id));
    expect(store.verify()).toMatchObject({ ok: true, checked: 15 });
    await store.close();
  });

  it('replays a journal left by a crash at open, skipping a torn last line and duplicates', async () => {
    const path = dbFile();
    let store = openAuditStore({ path, key: TEST_KEY });
    await Promise.all([store.append(makeEvent(0)), store.flush()]);
    await store.close();
    const lines = [0, 1, 2].map((i) => JSON.stringify(makeEvent(i)));
    writeFileSync(`${path}.journal`, `${lines.join('\n')}\n{"id":"ev-torn","timest`);
    store = openAuditStore({ path, key: TEST_KEY });
    expect(store.query().map((e) => e.id)).toEqual(['ev-000000', 'ev-000001', 'ev-000002']);
    expect(readFileSync(`${path}.journal`, 'utf8')).toBe('');
    expect(store.verify()).toMatchObject({ ok: true, checked: 3 });
    await store.close();
  });

  it('keeps events queued (not lost, not acknowledged) when the journal is full too', async () => {
    const path = dbFile();
    const store = openAuditStore({ path, busyTimeoutMs: 0, journal: { maxBytes: 100 } });
    const locker = new Database(path);
    locker.exec('BEGIN IMMEDIATE');
    let acked = false;
    const pending = store.append(makeEvent(1)).then(() => {
      acked = true;
    });
    await expect(store.flush()).rejects.toMatchObject({ code: 'AUDIT_WRITE' });
    expect(acked).toBe(false);
    locker.exec('ROLLBACK');
    await store.flush();
    await pending;
    expect(acked).toBe(true);
    expect(count(store.db)).toBe(1);
    locker.close();
    await store.close();
  });

  it('rejects the waiting appends when closed while nothing can be written', async () => {
    const path = dbFile();
    const store = openAuditStore({ path, busyTimeoutMs: 0, journal: false });
    const locker = new Database(path);
    locker.exec('BEGIN IMMEDIATE');
    const pending = store.append(makeEvent(1));
    await expect(store.close()).rejects.toMatchObject({ code: 'AUDIT_WRITE' });
    await expect(pending).rejects.toMatchObject({ code: 'AUDIT_WRITE' });
    locker.exec('ROLLBACK');
    expect(count(locker)).toBe(0);
    locker.close();
  });

  it('names the line of a corrupt journal entry', () => {
    const good = JSON.stringify(makeEvent(1));
    expect(() => parseJournal(`${good}\n{"id": 3}\n`, 'j.jsonl')).toThrow(/j\.jsonl:2: not an event/);
    expect(() => parseJournal(`nope\n${good}\n`, 'j.jsonl')).toThrow(/j\.jsonl:1: not valid JSON/);
  });

  it('refuses a spill that would pass its bound, writing nothing', () => {
    const path = `${dbFile()}.journal`;
    const journal = openJournal(path, 64);
    expect(journal.spill(['x'.repeat(40)])).toBe(true);
    expect(journal.spill(['y'.repeat(40)])).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(`${'x'.repeat(40)}\n`);
    journal.close();
  });
});
