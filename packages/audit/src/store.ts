import type { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import { createIntegrityKey, type IntegrityKey } from './chain';
import { openWriterConnection } from './connection';
import { AuditError } from './errors';
import { type ExportFilter, exportJsonl } from './export';
import { type Journal, openJournal, replayJournal } from './journal';
import { listMcpTools, type McpToolInput, recordMcpTool } from './mcp-tools';
import { checkKeyId } from './meta';
import { type CommandOutputInput, type OutputRequest, putOutput, readOutput } from './outputs';
import { type EventQuery, queryEvents } from './query';
import { createWriteQueue } from './queue';
import { applyRetention, type RetentionOptions, scheduleRetention } from './retention';
import { type PendingEvent, prepareEvent } from './row';
import type { AuditStore, AuditStoreOptions } from './store-api';
import { verifyChain } from './verify';
import { type BatchWriter, createBatchWriter } from './writer';
import { acquireWriterLock, type WriterLock } from './writer-lock';

/** Opens (creating and migrating if needed) the audit database as its one writer. */
export function openAuditStore(options: AuditStoreOptions): AuditStore {
  const lock = options.path === ':memory:' ? undefined : acquireWriterLock(options.path);
  let db: Database;
  try {
    db = openWriterConnection(options);
  } catch (err) {
    lock?.release();
    throw err;
  }
  let journal: Journal | undefined;
  try {
    const key = options.key === undefined ? undefined : createIntegrityKey(options.key);
    checkKeyId(db, key, options.path);
    const writer = createBatchWriter(db, key);
    if (options.journal !== false && options.path !== ':memory:') {
      journal = openJournal(
        options.journal?.path ?? `${options.path}.journal`,
        options.journal?.maxBytes ?? 64 << 20,
      );
      replayJournal(journal, (batch) => writer.write(batch));
    }
    return assemble({ db, key, writer, journal, lock, options });
  } catch (err) {
    journal?.close();
    db.close();
    lock?.release();
    throw err;
  }
}

interface Parts {
  db: Database;
  key: IntegrityKey | undefined;
  writer: BatchWriter;
  journal: Journal | undefined;
  lock: WriterLock | undefined;
  options: AuditStoreOptions;
}

function assemble({ db, key, writer, journal, lock, options }: Parts): AuditStore {
  const where = options.path;
  const queue = createWriteQueue(
    {
      write(batch: readonly PendingEvent[]) {
        if (journal !== undefined) replayJournal(journal, (replayed) => writer.write(replayed));
        writer.write(batch);
      },
      spill: (batch) => journal?.spill(batch.map((p) => p.payload)) ?? false,
    },
    {
      batchSize: options.batchSize ?? 1000,
      flushIntervalMs: options.flushIntervalMs ?? 5,
      maxQueued: options.maxQueued ?? 50_000,
      where,
      onWriteError: options.onWriteError,
    },
  );
  let closed = false;
  const flushOrThrow = (): void => {
    if (!queue.flushNow())
      throw new AuditError('AUDIT_WRITE', `${where}: queued events could not be written`);
  };
  const open = (): void => {
    if (closed) throw new AuditError('AUDIT_CLOSED', `${where}: audit store is closed`);
  };
  const guarded =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      open();
      return fn(...args);
    };
  const store: AuditStore = {
    db,
    append(event) {
      if (closed) return Promise.reject(new AuditError('AUDIT_CLOSED', `${where}: audit store is closed`));
      try {
        return queue.push(prepareEvent(event));
      } catch (err) {
        return Promise.reject(err);
      }
    },
    flush: async () => {
      open();
      flushOrThrow();
    },
    async close() {
      if (closed) return;
      closed = true;
      stopRetention();
      try {
        flushOrThrow();
      } catch (err) {
        queue.abandon(err);
        throw err;
      } finally {
        journal?.close();
        db.close();
        lock?.release();
      }
    },
    query: guarded((q?: EventQuery) => queryEvents(db, q)),
    exportJsonl: guarded((out: Writable, filter?: ExportFilter) => exportJsonl(db, out, filter)),
    putOutput: guarded((input: CommandOutputInput) => putOutput(db, input)),
    readOutput: guarded((request: OutputRequest) => readOutput(db, request)),
    prune(retention: RetentionOptions) {
      open();
      flushOrThrow();
      return applyRetention(db, { key, nextSeq: writer.nextSeq() }, retention);
    },
    verify() {
      open();
      if (key === undefined)
        throw new AuditError('AUDIT_INTEGRITY', `${where}: verify needs the integrity key`);
      flushOrThrow();
      return verifyChain(db, key);
    },
    recordMcpTool: guarded((input: McpToolInput) => recordMcpTool(db, input)),
    listMcpTools: guarded((serverId?: string) => listMcpTools(db, serverId)),
    stats: () => ({ ...queue.stats(), journalBytes: journal?.bytes() ?? 0, nextSeq: writer.nextSeq() }),
  };
  let stopRetention = (): void => {};
  if (options.retention !== undefined) {
    const schedule = options.retention;
    stopRetention = scheduleRetention(() => store.prune(schedule), schedule);
  }
  return store;
}
