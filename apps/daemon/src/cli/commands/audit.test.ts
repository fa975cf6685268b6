import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openAuditStore } from '@agentsh/audit';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAuditCommand } from './audit';

const KEY = 'cli-test-key-0123456789abcdef';
let dir = '';
let db = '';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agentsh-audit-cli-'));
  db = join(dir, 'events.db');
  const store = openAuditStore({ path: db, key: KEY });
  for (let i = 0; i < 10; i++) {
    void store.append({
      id: `ev-${i}`,
      timestamp: new Date(Date.UTC(2026, 10, 27, 10, 0, i)).toISOString(),
      type: 'file_open',
      session_id: 's',
    });
  }
  await store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ out: string; err: string; code: number }> {
  const io = { out: '', err: '' };
  const program = new Command('agentsh').exitOverride();
  registerAuditCommand(
    program,
    { out: (t) => (io.out += t), err: (t) => (io.err += t), stdout: new PassThrough() },
    env,
  );
  process.exitCode = 0;
  await program.parseAsync(['node', 'agentsh', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { ...io, code };
}

describe('agentsh audit verify', () => {
  it('exits 0 for an intact database, taking the key from an env var or a file', async () => {
    expect(await cli(['audit', 'verify', '--db', db, '--key-env', 'MY_KEY'], { MY_KEY: KEY })).toEqual({
      out: 'ok: 10 events verified\n',
      err: '',
      code: 0,
    });
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, `${KEY}\n`);
    expect((await cli(['audit', 'verify', db, '--key-file', keyFile])).code).toBe(0);
    expect((await cli(['audit', 'verify', '--db', db], { AGENTSH_AUDIT_KEY: KEY })).code).toBe(0);
  });

  it('exits 1 naming the first bad event and what is wrong with it', async () => {
    const store = openAuditStore({ path: db, key: KEY });
    store.db.exec(
      "UPDATE events SET payload_json = replace(payload_json, 'file_open', 'file_read') WHERE event_id = 'ev-4'",
    );
    await store.close();
    const { code, err } = await cli(['audit', 'verify', '--db', db], { AGENTSH_AUDIT_KEY: KEY });
    expect(code).toBe(1);
    expect(err).toBe(
      'FAIL: event ev-4 (seq 5): altered: the event content was changed after it was written\n',
    );
  });

  it('reports a wrong or missing key without printing any key', async () => {
    const wrong = await cli(['audit', 'verify', '--db', db], {
      AGENTSH_AUDIT_KEY: 'not-the-right-key-at-all',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^FAIL: chain: wrong-key: /);
    expect(wrong.err).not.toContain('not-the-right-key-at-all');
    const none = await cli(['audit', 'verify', '--db', db]);
    expect(none).toMatchObject({
      code: 1,
      err: 'agentsh: integrity key: environment variable AGENTSH_AUDIT_KEY is not set\n',
    });
  });
});
