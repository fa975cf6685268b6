import { describe, expect, it } from 'vitest';
import { EVENT_BASE_MS, makeEvent, TEST_KEY, tempDir } from '../test/events';
import { openAuditReader } from './reader';
import { openAuditStore } from './store';

describe('retention', () => {
  it('deletes events older than the age limit and the chain still verifies from the new anchor', async () => {
    const store = openAuditStore({ path: ':memory:', key: TEST_KEY });
    for (let i = 0; i < 100; i++) void store.append(makeEvent(i));
    store.putOutput({ commandId: 'old', sessionId: 's', stdout: 'x', createdAt: new Date(EVENT_BASE_MS) });
    store.putOutput({
      commandId: 'new',
      sessionId: 's',
      stdout: 'y',
      createdAt: new Date(EVENT_BASE_MS + 99_000),
    });
    const result = store.prune({ maxAgeMs: 30_000, nowMs: EVENT_BASE_MS + 100_000 });
    expect(result).toEqual({ deletedEvents: 70, deletedOutputs: 1, firstKeptSeq: 71 });
    expect(store.query({ limit: 1 })[0]?.id).toBe('ev-000070');
    expect(store.readOutput({ commandId: 'old', stream: 'stdout' })).toBeUndefined();
    expect(store.verify()).toEqual({ ok: true, checked: 30, unchained: 0 });
    for (let i = 100; i < 110; i++) void store.append(makeEvent(i));
    expect(store.verify()).toMatchObject({ ok: true, checked: 40 });
    await store.close();
  });

  it('shrinks the database below a size limit, oldest first, and gives the space back', async () => {
    const t = tempDir();
    const path = t.file('events.db');
    const store = openAuditStore({ path, key: TEST_KEY });
    for (let i = 0; i < 20_000; i++) void store.append(makeEvent(i, { fields: { pad: 'p'.repeat(200) } }));
    await store.flush();
    const pages = () => (store.db.pragma('page_count', { simple: true }) as number) * 4096;
    const before = pages();
    expect(before).toBeGreaterThan(4_000_000);
    const result = store.prune({ maxBytes: 1_000_000 });
    expect(pages()).toBeLessThanOrEqual(1_000_000);
    expect(result.deletedEvents).toBeGreaterThan(15_000);
    const oldest = store.query({ limit: 1 })[0];
    expect(oldest?.id).toBe(makeEvent(result.firstKeptSeq - 1).id);
    await store.close();
    const reader = openAuditReader({ path });
    expect(reader.verify(TEST_KEY)).toMatchObject({ ok: true, unchained: 0 });
    reader.close();
    t.cleanup();
  });
});

describe('scheduled retention', () => {
  it('prunes at open and keeps pruning on its timer until close', async () => {
    const t = tempDir();
    const path = t.file('events.db');
    let seeded = openAuditStore({ path, key: TEST_KEY });
    for (let i = 0; i < 10; i++) void seeded.append(makeEvent(i, { timestamp: '2020-01-01T00:00:00Z' }));
    await seeded.close();
    const errors: unknown[] = [];
    seeded = openAuditStore({
      path,
      key: TEST_KEY,
      retention: { maxAgeMs: 60_000, intervalMs: 20, onError: (e) => errors.push(e) },
    });
    expect(seeded.query()).toEqual([]);
    await seeded.append(makeEvent(50, { timestamp: '2020-01-01T00:00:00Z' }));
    await seeded.flush();
    await new Promise((r) => setTimeout(r, 100));
    expect(seeded.query()).toEqual([]);
    expect(seeded.verify()).toMatchObject({ ok: true, checked: 0 });
    expect(errors).toEqual([]);
    await seeded.close();
    t.cleanup();
  });
});
