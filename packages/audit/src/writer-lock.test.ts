import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/events';
import { openAuditStore } from './store';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function dbFile(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.file('events.db');
}

describe('one writer per database file', () => {
  it('refuses a second writer while the first is open, and allows one after close', async () => {
    const path = dbFile();
    const first = openAuditStore({ path });
    expect(() => openAuditStore({ path })).toThrow(
      `another writer (pid ${process.pid}) has the audit database open`,
    );
    await first.close();
    expect(existsSync(`${path}.writer.lock`)).toBe(false);
    const second = openAuditStore({ path });
    await second.close();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const path = dbFile();
    writeFileSync(`${path}.writer.lock`, '2147483646\n');
    const store = openAuditStore({ path });
    await store.close();
  });

  it('releases the lock when opening fails', () => {
    const path = dbFile();
    writeFileSync(path, 'not a database '.repeat(100));
    expect(() => openAuditStore({ path })).toThrow(expect.objectContaining({ code: 'AUDIT_OPEN' }));
    expect(existsSync(`${path}.writer.lock`)).toBe(false);
  });
});
