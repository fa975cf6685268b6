import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ChainMark, IntegrityKey } from './chain';
import { AuditError } from './errors';

/** Keys of the audit_meta table. */
export type MetaKey = 'key_id' | 'anchor' | 'head';

const ChainMarkSchema = z.object({ seq: z.number().int(), mac: z.string(), sig: z.string() });

/** Reads one meta value, or undefined when absent. */
export function readMeta(db: Database, key: MetaKey): string | undefined {
  const row = db.prepare('SELECT value FROM audit_meta WHERE key = ?').get(key) as
    | { value: string }
    | undefined;
  return row?.value;
}

/** Writes one meta value (insert or replace). */
export function writeMeta(db: Database, key: MetaKey, value: string): void {
  db.prepare('INSERT OR REPLACE INTO audit_meta (key, value) VALUES (?, ?)').run(key, value);
}

/** Reads a chain anchor or head; a malformed row is reported as an integrity problem. */
export function readMark(db: Database, key: 'anchor' | 'head'): ChainMark | undefined {
  const raw = readMeta(db, key);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const result = ChainMarkSchema.safeParse(parsed);
  if (!result.success) {
    throw new AuditError('AUDIT_INTEGRITY', `audit_meta.${key}: malformed chain mark`);
  }
  return result.data;
}

/** Writes a chain anchor or head. */
export function writeMark(db: Database, key: 'anchor' | 'head', mark: ChainMark): void {
  writeMeta(db, key, JSON.stringify(mark));
}

/**
 * Records the key id on first use and refuses a missing or different key later, so a database is never
 * continued with two keys (the error shows the public key id, never the key).
 */
export function checkKeyId(db: Database, key: IntegrityKey | undefined, path: string): void {
  const stored = readMeta(db, 'key_id');
  if (key === undefined && stored !== undefined) {
    throw new AuditError(
      'AUDIT_INTEGRITY',
      `${path}: database is chained with a key (id ${stored}) but none was given`,
    );
  }
  if (key !== undefined && stored !== undefined && stored !== key.id) {
    throw new AuditError(
      'AUDIT_INTEGRITY',
      `${path}: the key does not match this database's (key id ${stored})`,
    );
  }
  if (key !== undefined && stored === undefined) writeMeta(db, 'key_id', key.id);
}
