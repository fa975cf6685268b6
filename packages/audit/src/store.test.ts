import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent, TEST_KEY, tempDir } from '../test/events';
import { isAuditError } from './errors';
import { openAuditStore } from './store';

const dirs: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of dirs.splice(0)) cleanup();
});
function tmp(): (name: string) => string {
  const t = tempDir();
  dirs.push(t.cleanup);
  return t.file;
}

describe('openAuditStore', () => {
  it('acknowledges an append only once another connection can read it', async () => {
    const path = tmp()('events.db');
    const store = openAuditStore({ path, key: TEST_KEY, flushIntervalMs: 1000 });
    const other = new Database(path, { readonly: true });
    const count = () => (other.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const acked = store.append(makeEvent(1));
    expect(count()).toBe(0);
    await store.flush();
    await acked;
    expect(count()).toBe(1);
    other.close();
    await store.close();
  });

  it('writes full batches without waiting for the timer and keeps commit order in seq', async () => {
    const store = openAuditStore({
      path: ':memory:',
      key: TEST_KEY,
      batchSize: 100,
      flushIntervalMs: 60_000,
    });
    const acks = Array.from({ length: 250 }, (_, i) => store.append(makeEvent(i)));
    await Promise.all(acks.slice(0, 200));
    expect(store.stats().committed).toBeGreaterThanOrEqual(200);
    await store.flush();
    const seqs = store.db.prepare('SELECT event_id, seq FROM events ORDER BY seq').all() as {
      event_id: string;
      seq: number;
    }[];
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(seqs[249]?.event_id).toBe('ev-000249');
    expect(store.verify()).toMatchObject({ ok: true, checked: 250 });
    await store.close();
  });

  it('copies agentsh columns out of the event and keeps payload_json as the event', async () => {
    const store = openAuditStore({ path: ':memory:' });
    const e = makeEvent(5);
    await Promise.all([store.append(e), store.flush()]);
    const row = store.db.prepare('SELECT * FROM events').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      event_id: 'ev-000005',
      session_id: 'sess-1',
      type: 'net_connect',
      policy_decision: 'deny',
      effective_decision: 'deny',
      policy_rule: 'r2',
      domain: 'host5.example.com',
      remote: '127.0.0.1:443',
      path: null,
      operation: 'connect',
      chain_mac: null,
    });
    expect(JSON.parse(String(row.payload_json))).toEqual(e);
    const ts = store.db
      .prepare('SELECT typeof(ts_unix_ns) AS t, ts_unix_ns AS v FROM events')
      .safeIntegers(true)
      .get();
    expect(ts).toEqual({ t: 'integer', v: 1_795_780_805_000_005_000n });
    expect(store.query()).toEqual([e]);
    await store.close();
  });

  it('skips a duplicate event id without leaving a gap in the chain', async () => {
    const store = openAuditStore({ path: ':memory:', key: TEST_KEY });
    store.append(makeEvent(1));
    store.append(makeEvent(2));
    store.append(makeEvent(1, { type: 'changed' }));
    store.append(makeEvent(3));
    await store.flush();
    expect(store.query().map((e) => e.id)).toEqual(['ev-000001', 'ev-000002', 'ev-000003']);
    expect(store.verify()).toMatchObject({ ok: true, checked: 3 });
    await store.close();
  });

  it('snapshots the event at append time', async () => {
    const store = openAuditStore({ path: ':memory:' });
    const e = makeEvent(1);
    const done = store.append(e);
    e.type = 'mutated';
    await store.flush();
    await done;
    expect(store.query()[0]?.type).toBe('net_connect');
    expect(store.query({ types: ['net_connect'] })).toHaveLength(1);
    await store.close();
  });

  it('rejects a malformed event with AUDIT_INPUT and stores nothing', async () => {
    const store = openAuditStore({ path: ':memory:' });
    const bad = store.append({ ...makeEvent(1), timestamp: 'yesterday' });
    await expect(bad).rejects.toMatchObject({ code: 'AUDIT_INPUT' });
    await expect(store.append({ ...makeEvent(2), id: '' })).rejects.toMatchObject({ code: 'AUDIT_INPUT' });
    await store.flush();
    expect(store.query()).toEqual([]);
    await store.close();
  });

  it('slows the producer down past maxQueued instead of dropping events', async () => {
    const store = openAuditStore({
      path: ':memory:',
      maxQueued: 50,
      batchSize: 10_000,
      flushIntervalMs: 60_000,
    });
    for (let i = 0; i < 500; i++) void store.append(makeEvent(i));
    const stats = store.stats();
    expect(stats.syncFlushes).toBeGreaterThanOrEqual(9);
    expect(stats.queued).toBeLessThanOrEqual(50);
    await store.flush();
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(500);
    await store.close();
  });

  it('refuses work after close with AUDIT_CLOSED', async () => {
    const store = openAuditStore({ path: ':memory:' });
    await store.close();
    await expect(store.append(makeEvent(1))).rejects.toMatchObject({ code: 'AUDIT_CLOSED' });
    expect(() => store.query()).toThrow(/closed/);
  });

  it('refuses a missing or different key on a chained database, without printing the key', async () => {
    const path = tmp()('events.db');
    const store = openAuditStore({ path, key: TEST_KEY });
    await Promise.all([store.append(makeEvent(1)), store.close()]);
    const otherKey = 'another-key-that-is-long-enough';
    for (const key of [undefined, otherKey]) {
      try {
        openAuditStore({ path, key });
        expect.unreachable();
      } catch (err) {
        expect(isAuditError(err) && err.code).toBe('AUDIT_INTEGRITY');
        expect(String((err as Error).message)).not.toContain(otherKey);
        expect(String((err as Error).message)).not.toContain(TEST_KEY.toString());
      }
    }
  });

  it('continues the chain across reopen', async () => {
    const path = tmp()('events.db');
    let store = openAuditStore({ path, key: TEST_KEY });
    for (let i = 0; i < 10; i++) void store.append(makeEvent(i));
    await store.close();
    store = openAuditStore({ path, key: TEST_KEY });
    for (let i = 10; i < 20; i++) void store.append(makeEvent(i));
    expect(store.verify()).toMatchObject({ ok: true, checked: 20 });
    await store.close();
  });
});
