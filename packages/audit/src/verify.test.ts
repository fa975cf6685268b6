import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent, TEST_KEY, tempDir } from '../test/events';
import { openAuditReader } from './reader';
import { openAuditStore } from './store';
import type { VerifyResult } from './verify';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A closed database with 20 chained events, and a way to edit its file directly. */
async function chainedDb(
  n = 20,
): Promise<{ path: string; edit: (sql: string) => void; verify: () => VerifyResult }> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const path = t.file('events.db');
  const store = openAuditStore({ path, key: TEST_KEY });
  for (let i = 1; i <= n; i++) void store.append(makeEvent(i));
  await store.close();
  return {
    path,
    edit(sql) {
      const db = new Database(path);
      db.exec(sql);
      db.close();
    },
    verify() {
      const reader = openAuditReader({ path });
      try {
        return reader.verify(TEST_KEY);
      } finally {
        reader.close();
      }
    },
  };
}

describe('verifyChain', () => {
  it('accepts an untouched database', async () => {
    const db = await chainedDb();
    expect(db.verify()).toEqual({ ok: true, checked: 20, unchained: 0 });
  });

  it('finds an altered payload', async () => {
    const db = await chainedDb();
    db.edit(`UPDATE events SET payload_json = replace(payload_json, '"allow"', '"deny"') WHERE seq = 7`);
    expect(db.verify()).toMatchObject({ ok: false, problem: 'altered', seq: 7, eventId: 'ev-000007' });
  });

  it('finds an altered indexed column even though the payload is intact', async () => {
    const db = await chainedDb();
    db.edit(`UPDATE events SET policy_decision = 'allow' WHERE seq = 10`);
    const result = db.verify();
    expect(result).toMatchObject({ ok: false, problem: 'altered', eventId: 'ev-000010' });
    expect(!result.ok && result.message).toContain('policy_decision');
  });

  it('finds a removed event', async () => {
    const db = await chainedDb();
    db.edit('DELETE FROM events WHERE seq = 5');
    expect(db.verify()).toMatchObject({ ok: false, problem: 'removed', seq: 6, eventId: 'ev-000006' });
  });

  it('finds events removed from the end', async () => {
    const db = await chainedDb();
    db.edit('DELETE FROM events WHERE seq >= 18');
    expect(db.verify()).toMatchObject({ ok: false, problem: 'removed', seq: 18 });
  });

  it('finds an inserted event even when later sequence numbers were shifted to make room', async () => {
    const db = await chainedDb();
    const forged = JSON.stringify(makeEvent(99));
    db.edit(`UPDATE events SET seq = -seq WHERE seq >= 8; UPDATE events SET seq = 1 - seq WHERE seq < 0;
      INSERT INTO events (event_id, ts_unix_ns, session_id, type, payload_json, seq, chain_mac)
      VALUES ('ev-000099', 1, 'sess-3', 'dns_query', '${forged}', 8, 'AAAA')`);
    expect(db.verify()).toMatchObject({ ok: false, problem: 'inserted', seq: 8, eventId: 'ev-000099' });
  });

  it('finds an event appended after the last write', async () => {
    const db = await chainedDb();
    const forged = JSON.stringify(makeEvent(99));
    db.edit(`INSERT INTO events (event_id, ts_unix_ns, session_id, type, payload_json, seq, chain_mac)
      VALUES ('ev-000099', 1, 'sess-3', 'dns_query', '${forged}', 21, 'AAAA')`);
    expect(db.verify()).toMatchObject({ ok: false, problem: 'inserted', seq: 21, eventId: 'ev-000099' });
  });

  it('finds an event hidden from the chain with a NULL sequence number', async () => {
    const db = await chainedDb();
    db.edit(`INSERT INTO events (event_id, ts_unix_ns, session_id, type, payload_json)
      VALUES ('ev-000099', 1, 'sess-3', 'dns_query', '{}')`);
    expect(db.verify()).toMatchObject({ ok: false, problem: 'inserted', eventId: 'ev-000099' });
  });

  it('finds two events that swapped places', async () => {
    const db = await chainedDb();
    db.edit(
      'UPDATE events SET seq = -1 WHERE seq = 12; UPDATE events SET seq = 12 WHERE seq = 13; UPDATE events SET seq = 13 WHERE seq = -1',
    );
    expect(db.verify()).toMatchObject({ ok: false, problem: 'reordered', seq: 12, eventId: 'ev-000013' });
  });

  it('finds a moved anchor (oldest events cut without the key)', async () => {
    const db = await chainedDb();
    db.edit(`DELETE FROM events WHERE seq < 5;
      UPDATE audit_meta SET value = json_set(value, '$.seq', 5) WHERE key = 'anchor'`);
    expect(db.verify()).toMatchObject({ ok: false, problem: 'anchor' });
  });

  it('says the key is wrong rather than blaming the first event', async () => {
    const db = await chainedDb();
    const reader = openAuditReader({ path: db.path });
    expect(reader.verify('a-completely-different-key')).toMatchObject({ ok: false, problem: 'wrong-key' });
    reader.close();
  });
});

describe('verifyChain against stripped chains', () => {
  it('fails when every MAC and the anchor were removed', async () => {
    const db = await chainedDb();
    db.edit(
      "UPDATE events SET chain_mac = NULL; DELETE FROM audit_meta WHERE key IN ('anchor', 'head', 'key_id')",
    );
    expect(db.verify()).toMatchObject({ ok: false, problem: 'unchained' });
  });

  it('fails when the chain head was deleted to hide a cut tail', async () => {
    const db = await chainedDb();
    db.edit("DELETE FROM events WHERE seq > 15; DELETE FROM audit_meta WHERE key = 'head'");
    expect(db.verify()).toMatchObject({ ok: false, problem: 'head', message: 'the chain head is missing' });
  });
});
