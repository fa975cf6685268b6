import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvent, TEST_KEY, tempDir } from '../test/events';
import { openAuditReader } from './reader';
import { openAuditStore } from './store';

// Every single-step tampering of every position in a 12-event chain must be found at that position.
const N = 12;
const t = tempDir();
const pristine = t.file('pristine.db');
let caseNo = 0;

beforeAll(async () => {
  const store = openAuditStore({ path: pristine, key: TEST_KEY });
  for (let i = 1; i <= N; i++) void store.append(makeEvent(i));
  await store.close();
});
afterAll(() => t.cleanup());

function tampered(sql: string) {
  const path = t.file(`case-${caseNo++}.db`);
  copyFileSync(pristine, path);
  const db = new Database(path);
  db.exec(sql);
  db.close();
  const reader = openAuditReader({ path });
  try {
    return reader.verify(TEST_KEY);
  } finally {
    reader.close();
  }
}

const positions = Array.from({ length: N }, (_, i) => i + 1);

describe('verifyChain, exhaustively over positions', () => {
  it.each(positions)('finds a payload altered at seq %i', (k) => {
    const result = tampered(
      `UPDATE events SET payload_json = replace(payload_json, '"fields":{', '"fields":{"x":1,') WHERE seq = ${k}`,
    );
    expect(result).toMatchObject({ ok: false, problem: 'altered', seq: k });
  });

  it.each(positions)('finds a column altered at seq %i', (k) => {
    const result = tampered(`UPDATE events SET session_id = 'other' WHERE seq = ${k}`);
    expect(result).toMatchObject({ ok: false, problem: 'altered', seq: k });
  });

  it.each(positions)('finds the event removed at seq %i', (k) => {
    const result = tampered(`DELETE FROM events WHERE seq = ${k}`);
    expect(result).toMatchObject({ ok: false, problem: 'removed', seq: k === N ? N : k + 1 });
  });

  it.each(positions.slice(0, -1))('finds events swapped at seq %i and the next', (k) => {
    const result = tampered(
      `UPDATE events SET seq = -1 WHERE seq = ${k}; UPDATE events SET seq = ${k} WHERE seq = ${k + 1}; UPDATE events SET seq = ${k + 1} WHERE seq = -1`,
    );
    expect(result).toMatchObject({ ok: false, problem: 'reordered', seq: k });
  });

  it.each([...positions, N + 1])('finds an event inserted at seq %i (later ones shifted up)', (k) => {
    const forged = JSON.stringify(makeEvent(99)).replaceAll("'", "''");
    const result =
      tampered(`UPDATE events SET seq = -seq WHERE seq >= ${k}; UPDATE events SET seq = 1 - seq WHERE seq < 0;
      INSERT INTO events (event_id, ts_unix_ns, session_id, type, payload_json, seq, chain_mac)
      VALUES ('forged', 1, 'sess-3', 'dns_query', '${forged}', ${k}, 'AAAA')`);
    expect(result).toMatchObject({ ok: false, problem: 'inserted', seq: k, eventId: 'forged' });
  });

  it('accepts the untouched copy', () => {
    expect(tampered('SELECT 1')).toEqual({ ok: true, checked: N, unchained: 0 });
  });
});
