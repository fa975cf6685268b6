import Database from 'better-sqlite3';
import { AuditError } from './errors';
import { checkSchemaVersion, migrate } from './migrations';

/** How the database file is opened. */
export interface ConnectionOptions {
  /** File path, or ':memory:'. */
  readonly path: string;
  readonly readonly?: boolean;
  /** How long a statement waits for a lock before SQLITE_BUSY (default 5000 ms for readers, 0 for the writer). */
  readonly busyTimeoutMs?: number;
  /** 'normal' survives a process crash; 'full' also survives power loss at the cost of an fsync per commit. */
  readonly synchronous?: 'normal' | 'full';
}

const PAGE_SIZE = 16384;

function openFile(options: ConnectionOptions): Database.Database {
  try {
    return new Database(options.path, {
      readonly: options.readonly === true,
      fileMustExist: options.readonly === true,
    });
  } catch (cause) {
    throw new AuditError('AUDIT_OPEN', `${options.path}: cannot open the audit database`, {
      cause,
      hint: options.readonly === true ? 'check the path; read-only opening never creates a file' : undefined,
    });
  }
}

/** Opens the writer's connection: WAL, foreign keys, migrations applied. */
export function openWriterConnection(options: ConnectionOptions): Database.Database {
  const db = openFile({ ...options, readonly: false });
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Only takes effect on a new, empty file (so before WAL writes the header): lets retention give
    // space back with incremental_vacuum.
    // page_size also applies only to a new file: 16 KiB pages measured ~20% more inserts/s than 4 KiB
    // (shallower indexes, fewer splits; docs/benchmarks.md).
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('auto_vacuum = INCREMENTAL');
    if (options.path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db, options.path);
    return db;
  } catch (err) {
    db.close();
    throw wrap(err, options.path);
  }
}

/** Opens a read-only connection (the CLI); works while the daemon writes, thanks to WAL. */
export function openReaderConnection(options: ConnectionOptions): Database.Database {
  const db = openFile({ ...options, readonly: true });
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    checkSchemaVersion(db, options.path);
    return db;
  } catch (err) {
    db.close();
    throw wrap(err, options.path);
  }
}

function wrap(err: unknown, path: string): AuditError {
  if (err instanceof AuditError) return err;
  return new AuditError('AUDIT_OPEN', `${path}: not a usable audit database`, { cause: err });
}
