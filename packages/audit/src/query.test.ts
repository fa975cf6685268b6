import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_BASE_MS, makeEvent } from '../test/events';
import { clampLimit } from './query';
import { openAuditStore } from './store';
import type { AuditStore } from './store-api';

let store: AuditStore;
const ids = (list: { id: string }[]): string[] => list.map((e) => e.id);

beforeAll(async () => {
  store = openAuditStore({ path: ':memory:' });
  // Append out of timestamp order: queries order by timestamp, not by arrival.
  for (let i = 39; i >= 0; i--) void store.append(makeEvent(i));
  await store.flush();
});

describe('queryEvents', () => {
  it('orders by timestamp ascending by default and descending on request', () => {
    expect(ids(store.query({ limit: 3 }))).toEqual(['ev-000000', 'ev-000001', 'ev-000002']);
    expect(ids(store.query({ limit: 2, order: 'desc' }))).toEqual(['ev-000039', 'ev-000038']);
  });

  it('filters by session, command, types and decision together', () => {
    const found = store.query({ sessionId: 'sess-1', types: ['net_connect', 'dns_query'], decision: 'deny' });
    expect(ids(found)).toEqual(['ev-000005', 'ev-000025']);
    expect(ids(store.query({ commandId: 'cmd-3', types: ['file_open'] }))).toEqual([
      'ev-000032',
      'ev-000036',
    ]);
  });

  it('applies LIKE patterns to path, domain and the whole event text', () => {
    expect(ids(store.query({ pathLike: '/workspace/f1_.txt' }))).toEqual(
      [10, 11, 12, 14, 15, 16, 18, 19].map((i) => makeEvent(i).id),
    );
    expect(ids(store.query({ domainLike: 'host3%' }))).toEqual(['ev-000033', 'ev-000037']);
    expect(ids(store.query({ domainLike: 'host3.%' }))).toEqual([]);
    expect(ids(store.query({ textLike: '%"n":27}%' }))).toEqual(['ev-000027']);
  });

  it('takes since/until as RFC3339 instants (inclusive) or as durations ago', () => {
    const at = (s: number) => new Date(EVENT_BASE_MS + s * 1000).toISOString();
    expect(ids(store.query({ since: at(37) }))).toEqual(['ev-000037', 'ev-000038', 'ev-000039']);
    expect(ids(store.query({ since: at(3), until: at(4) }))).toEqual(['ev-000003']);
    const nowMs = EVENT_BASE_MS + 40_000;
    expect(ids(store.query({ since: '2s', nowMs }))).toEqual(['ev-000038', 'ev-000039']);
    expect(() => store.query({ since: 'last tuesday' })).toThrow(
      /since: expected an RFC3339 time or a duration/,
    );
  });

  it('pages with limit and offset, clamping the limit like agentsh (default 200, max 5000)', () => {
    expect(ids(store.query({ limit: 2, offset: 5 }))).toEqual(['ev-000005', 'ev-000006']);
    expect(clampLimit(undefined)).toBe(200);
    expect(clampLimit(0)).toBe(200);
    expect(clampLimit(99_999)).toBe(5000);
    expect(clampLimit(17)).toBe(17);
  });

  it('reports a stored row that is not an event instead of returning garbage', () => {
    const db = openAuditStore({ path: ':memory:' });
    db.db
      .prepare(
        "INSERT INTO events (event_id, ts_unix_ns, session_id, type, payload_json, seq) VALUES ('x', 1, 's', 't', '{\"id\":1}', 1)",
      )
      .run();
    expect(() => db.query()).toThrow(/events\[x\]: payload_json is not an event \(id:/);
    void db.close();
  });
});
