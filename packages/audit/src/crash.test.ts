import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readLines, spawnChild } from '../test/child';
import { TEST_KEY, tempDir } from '../test/events';
import { openAuditStore } from './store';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Runs the crash writer until it has acknowledged `target` events, kills it with SIGKILL, returns the acks. */
async function writeAndKill(path: string, start: number, target: number): Promise<number> {
  const child = spawnChild('crash-writer.ts', [path, String(start)], { AUDIT_TEST_KEY: TEST_KEY.toString() });
  let acked = start;
  const exited = readLines(child, (line) => {
    acked = Math.max(acked, Number(line));
    if (acked >= start + target) child.kill('SIGKILL');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const how = await exited;
  clearTimeout(timer);
  expect(how).toBe('SIGKILL');
  return acked;
}

describe('crash safety', () => {
  it('keeps every acknowledged event and a valid chain after kill -9, twice in a row', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = t.file('events.db');
    let acked = 0;
    for (const round of [0, 1]) {
      // Each round starts numbering after the previous round's acknowledged events (ids must be new).
      acked = await writeAndKill(path, round === 0 ? 0 : 1_000_000, 6000);
      const raw = new Database(path);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
      const store = openAuditStore({ path, key: TEST_KEY });
      const first = round === 0 ? 0 : 1_000_000;
      const have = store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE event_id >= ? AND event_id < ?');
      const from = `ev-${String(first).padStart(6, '0')}`;
      const to = `ev-${String(acked).padStart(6, '0')}`;
      const lo = (have.get(from, to) as { n: number }).n;
      expect(acked - first).toBeGreaterThanOrEqual(6000);
      expect(lo).toBe(acked - first);
      expect(store.verify()).toMatchObject({ ok: true });
      await store.close();
    }
  });

  it('keeps events acknowledged through the spill journal when killed while the database was locked', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = t.file('events.db');
    const child = spawnChild('crash-writer.ts', [path], {
      AUDIT_TEST_KEY: TEST_KEY.toString(),
      AUDIT_TEST_BUSY_MS: '0',
    });
    let acked = 0;
    let lockedAt = -1;
    let locker: Database.Database | undefined;
    const exited = readLines(child, (line) => {
      acked = Math.max(acked, Number(line));
      if (lockedAt < 0 && acked >= 2000) {
        locker = new Database(path);
        locker.exec('BEGIN IMMEDIATE');
        lockedAt = acked;
      }
      if (lockedAt >= 0 && acked >= lockedAt + 3000) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    expect(await exited).toBe('SIGKILL');
    clearTimeout(timer);
    locker?.exec('ROLLBACK');
    locker?.close();
    expect(statSync(`${path}.journal`).size).toBeGreaterThan(0);
    const store = openAuditStore({ path, key: TEST_KEY });
    const have = store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE event_id < ?');
    expect((have.get(`ev-${String(acked).padStart(6, '0')}`) as { n: number }).n).toBe(acked);
    expect(statSync(`${path}.journal`).size).toBe(0);
    expect(store.verify()).toMatchObject({ ok: true });
    await store.close();
  });
});
