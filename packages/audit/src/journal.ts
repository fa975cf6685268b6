import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { AuditError } from './errors';
import { type PendingEvent, prepareEvent } from './row';
import type { AuditEvent } from './schema';
import { AuditEventSchema } from './schema';

/**
 * A bounded append-only JSONL file next to the database. Events go here when the database cannot take
 * them (locked, disk error); each spill is fsynced before it counts as acknowledged, and the file is
 * replayed into the database before the next batch and at open.
 */
export interface Journal {
  readonly path: string;
  /** Appends whole lines and fsyncs. Returns false (writing nothing) when the bound would be exceeded. */
  spill(payloads: readonly string[]): boolean;
  /** Events currently in the file; a torn last line (crash mid-write, never acknowledged) is skipped. */
  read(): AuditEvent[];
  bytes(): number;
  /** Empties the file (after its events were committed) and fsyncs. */
  clear(): void;
  close(): void;
}

/** Opens (creating if needed) the journal at `path`, bounded to `maxBytes`. */
export function openJournal(path: string, maxBytes: number): Journal {
  let fd: number;
  try {
    fd = openSync(path, 'a+', 0o600);
  } catch (cause) {
    throw new AuditError('AUDIT_JOURNAL', `${path}: cannot open the spill journal`, { cause });
  }
  let size = fstatSync(fd).size;
  return {
    path,
    spill(payloads) {
      const text = `${payloads.join('\n')}\n`;
      const len = Buffer.byteLength(text);
      if (size + len > maxBytes) return false;
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } catch (cause) {
        throw new AuditError('AUDIT_JOURNAL', `${path}: spill write failed`, { cause });
      }
      size += len;
      return true;
    },
    read: () => parseJournal(readFileSync(path, 'utf8'), path),
    bytes: () => size,
    clear() {
      ftruncateSync(fd, 0);
      fsyncSync(fd);
      size = 0;
    },
    close: () => closeSync(fd),
  };
}

/** Commits what the journal holds through `write`, then empties it (a crash in between only replays twice). */
export function replayJournal(journal: Journal, write: (batch: readonly PendingEvent[]) => void): void {
  if (journal.bytes() === 0) return;
  write(journal.read().map(prepareEvent));
  journal.clear();
}

/** Parses journal text; every complete line must be an event, only the last line may be torn. */
export function parseJournal(text: string, path: string): AuditEvent[] {
  const lines = text.split('\n');
  const torn = lines.pop();
  const out: AuditEvent[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.length === 0) continue;
    out.push(parseLine(line, `${path}:${i + 1}`));
  }
  if (torn !== undefined && torn.length > 0) {
    // No trailing newline: the write was interrupted before its fsync, so it was never acknowledged.
    try {
      out.push(parseLine(torn, `${path}:${lines.length + 1}`));
    } catch {
      // skipped on purpose
    }
  }
  return out;
}

const REPLAY_HINT =
  'move the journal aside to open the database without it (its events are not in the database yet)';

function parseLine(line: string, where: string): AuditEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    throw new AuditError('AUDIT_JOURNAL', `${where}: not valid JSON`, { cause, hint: REPLAY_HINT });
  }
  const result = AuditEventSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AuditError(
      'AUDIT_JOURNAL',
      `${where}: not an event (${issue?.path.join('.')}: ${issue?.message})`,
      { hint: REPLAY_HINT },
    );
  }
  return result.data;
}
