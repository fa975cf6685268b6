import { encodeTable } from './encode';
import { TracerError } from './errors';
import { policyTableSchema } from './schema';
import type { PolicyTable } from './table';

/** Encoded tables by table object: validated and encoded once, however many commands run with it. */
const encoded = new WeakMap<object, Uint8Array>();

export function invalid(what: string, issues: { path: PropertyKey[]; message: string }[]): TracerError {
  const first = issues[0];
  const where = first ? first.path.map(String).join('.') : '';
  return new TracerError('TRACER_INVALID', `invalid ${what} at '${where}': ${first?.message ?? 'unknown'}`);
}

/**
 * The helper's TABLE frame payload for a policy table, validated first. A table is a value: the daemon
 * compiles one per session and passes the same object to every command, so the schema check and the
 * encoding run once per object (a table must not be mutated after its first use; compile anew instead).
 */
export function tableBytes(table: PolicyTable): Uint8Array {
  const hit = encoded.get(table);
  if (hit) return hit;
  const checked = policyTableSchema.safeParse(table);
  if (!checked.success) throw invalid('policy table', checked.error.issues);
  const bytes = encodeTable(table);
  encoded.set(table, bytes);
  return bytes;
}
