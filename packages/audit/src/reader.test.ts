import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readLines, spawnChild } from '../test/child';
import { TEST_KEY, tempDir } from '../test/events';
import { openAuditReader } from './reader';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('openAuditReader', () => {
  it('refuses a missing file instead of creating one', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = t.file('none.db');
    expect(() => openAuditReader({ path })).toThrow(expect.objectContaining({ code: 'AUDIT_OPEN' }));
    expect(existsSync(path)).toBe(false);
  });

  it('queries and verifies consistent snapshots while another process writes', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = t.file('events.db');
    const child = spawnChild('crash-writer.ts', [path], { AUDIT_TEST_KEY: TEST_KEY.toString() });
    let acked = 0;
    let firstAck: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      firstAck = resolve;
    });
    const exited = readLines(child, (line) => {
      acked = Number(line);
      firstAck();
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      await started;
      const reader = openAuditReader({ path });
      const seen: number[] = [];
      // At least 5 snapshots, and on until the writer has visibly moved on (bounded: 100 rounds).
      for (let round = 0; round < 100 && (round < 5 || (seen.at(-1) ?? 0) <= (seen[0] ?? 0)); round++) {
        const ackedBefore = acked;
        const result = reader.verify(TEST_KEY);
        expect(result).toMatchObject({ ok: true });
        if (result.ok) seen.push(result.checked);
        expect(result.ok && result.checked).toBeGreaterThanOrEqual(ackedBefore);
        expect(reader.query({ limit: 5 })).toHaveLength(5);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen.at(-1)).toBeGreaterThan(seen[0] ?? 0);
      expect(() => reader.db.exec('DELETE FROM events')).toThrow(/readonly/);
      reader.close();
    } finally {
      clearTimeout(guard);
      child.kill('SIGKILL');
      await exited;
    }
  });
});
