import { AuditError } from './errors';
import type { PendingEvent } from './row';

/** What the queue needs from the store: a committing write and a durable fallback. */
export interface QueueSink {
  /** Commits the batch (throws when the database cannot take it). */
  write(batch: readonly PendingEvent[]): void;
  /** Makes the batch durable elsewhere (the journal); false when that is impossible or full. */
  spill(batch: readonly PendingEvent[]): boolean;
}

export interface QueueOptions {
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly maxQueued: number;
  /** Where the store lives, for error messages. */
  readonly where: string;
  /** Told about every failed batch write (before the batch is spilled or requeued). */
  readonly onWriteError?: (err: unknown) => void;
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function defer(): Deferred {
  let resolve = (): void => {};
  let reject = (_err: unknown): void => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers may drop the promise; a failure must not become an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Counters the store reports. */
export interface QueueStats {
  queued: number;
  committed: number;
  spilled: number;
  syncFlushes: number;
}

/**
 * Batches appends: every event of a batch shares one promise, settled when the batch is committed or
 * spilled. Flushes on a short timer or when a batch fills; past `maxQueued` the producer flushes
 * synchronously (back-pressure), and if even that fails the append is refused, never dropped silently.
 */
export function createWriteQueue(sink: QueueSink, options: QueueOptions) {
  let pending: PendingEvent[] = [];
  let current = defer();
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const stats: QueueStats = { queued: 0, committed: 0, spilled: 0, syncFlushes: 0 };

  function flushNow(): boolean {
    if (timer !== undefined) clearTimeout(timer);
    if (immediate !== undefined) clearImmediate(immediate);
    timer = undefined;
    immediate = undefined;
    if (pending.length === 0) return true;
    const batch = pending;
    const done = current;
    pending = [];
    current = defer();
    try {
      sink.write(batch);
      stats.committed += batch.length;
    } catch (err) {
      options.onWriteError?.(err);
      if (!trySpill(batch)) return requeue(batch, done, err);
      stats.spilled += batch.length;
    }
    stats.queued = pending.length;
    done.resolve();
    return true;
  }

  function trySpill(batch: readonly PendingEvent[]): boolean {
    try {
      return sink.spill(batch);
    } catch {
      return false;
    }
  }

  function requeue(batch: PendingEvent[], done: Deferred, _err: unknown): false {
    pending = batch.concat(pending);
    stats.queued = pending.length;
    current.promise.then(done.resolve, done.reject);
    timer = setTimeout(flushNow, Math.max(options.flushIntervalMs, 50));
    return false;
  }

  function schedule(): void {
    if (pending.length >= options.batchSize) {
      immediate ??= setImmediate(flushNow);
    } else {
      timer ??= setTimeout(flushNow, options.flushIntervalMs);
    }
  }

  return {
    push(p: PendingEvent): Promise<void> {
      if (pending.length >= options.maxQueued) {
        stats.syncFlushes++;
        if (!flushNow() && pending.length >= options.maxQueued) {
          return Promise.reject(
            new AuditError('AUDIT_WRITE', `${options.where}: audit store is behind and cannot write`, {
              hint: 'the database is locked or failing and the spill journal is full or disabled',
            }),
          );
        }
      }
      pending.push(p);
      stats.queued = pending.length;
      schedule();
      return current.promise;
    },
    /** Commits (or spills) everything queued now; false when events stay queued after a failure. */
    flushNow,
    /** Rejects every waiting append (used when closing a store that cannot write). */
    abandon(err: unknown): void {
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      pending = [];
      current.reject(err);
    },
    stats: (): QueueStats => ({ ...stats }),
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;
