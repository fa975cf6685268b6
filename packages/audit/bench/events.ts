// Synthetic agentsh events for the benches, and a prefilled template database for runs on a grown table.
import { copyFileSync } from 'node:fs';
import { openWriterConnection } from '../src/connection';
import { EVENT_COLUMNS, EVENT_PARAMS, prepareEvent } from '../src/row';
import type { AuditEvent } from '../src/schema';

const BASE_MS = Date.UTC(2026, 10, 27, 12);

/** Events number from..from+n-1: ~370-byte payloads, 2/3 file events with a path, 1/3 with a domain. */
export function makeEvents(n: number, newId: () => string, from = 0): AuditEvent[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      id: newId(),
      timestamp: new Date(BASE_MS + i).toISOString().replace('Z', '123456Z'),
      type: i % 3 === 0 ? 'net_connect' : 'file_open',
      session_id: `session-${i % 8}-2b6e4c1a`,
      command_id: `cmd-${i >> 6}`,
      pid: 4000 + (i % 97),
      policy: {
        decision: i % 10 === 0 ? 'deny' : 'allow',
        effective_decision: 'allow',
        rule: 'workspace-rw',
      },
      ...(i % 3 === 0
        ? { domain: `api${i % 50}.example.com`, remote: '127.0.0.1:443' }
        : { path: `/workspace/src/m${i % 500}/f${i}.ts` }),
      operation: i % 3 === 0 ? 'connect' : 'open',
      fields: { flags: 'O_RDONLY', bytes: i },
    };
  });
}

/**
 * Writes a database holding `rows` unchained events (seq 1..rows), checkpointed and closed, so each run
 * can start from a copy of the same grown table. Events 0..rows-1 (the timed ones continue from there); its ids come before any made later.
 */
export function makeTemplate(file: string, rows: number, newId: () => string): void {
  const db = openWriterConnection({ path: file });
  const insert = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${EVENT_PARAMS}`);
  const chunk = 50_000;
  const tx = db.transaction((events: AuditEvent[], from: number) => {
    events.forEach((e, k) => {
      insert.run(...prepareEvent(e).values, from + k + 1, null);
    });
  });
  for (let from = 0; from < rows; from += chunk) {
    tx(makeEvents(Math.min(chunk, rows - from), newId, from), from);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A fresh copy of the template (the WAL was truncated, so the main file is the whole database). */
export function copyTemplate(template: string, to: string): string {
  copyFileSync(template, to);
  return to;
}
