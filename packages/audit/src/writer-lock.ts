import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { AuditError } from './errors';

/** Held by the one writer of a database file; released on close, taken over when its owner died. */
export interface WriterLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

function tryCreate(lockPath: string): boolean {
  try {
    const fd = openSync(lockPath, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST') return false;
    throw new AuditError('AUDIT_OPEN', `${lockPath}: cannot create the writer lock`, { cause: err });
  }
}

function ownerOf(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes `<db>.writer.lock` (a pid file created with O_EXCL). A second writer, in this process or
 * another, gets AUDIT_OPEN naming the owner; a lock left by a killed process is taken over.
 */
export function acquireWriterLock(dbPath: string): WriterLock {
  const lockPath = `${dbPath}.writer.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath)) {
      return {
        release: () => {
          try {
            unlinkSync(lockPath);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    }
    const owner = ownerOf(lockPath);
    if (owner !== undefined && isAlive(owner)) {
      throw new AuditError(
        'AUDIT_OPEN',
        `${dbPath}: another writer (pid ${owner}) has the audit database open`,
        {
          hint: 'the daemon is the one writer; use a read-only reader (openAuditReader, agentsh events query --db)',
        },
      );
    }
    try {
      unlinkSync(lockPath);
    } catch {
      // another process removed it first; try again
    }
  }
  throw new AuditError('AUDIT_OPEN', `${lockPath}: could not take the writer lock`);
}
