import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { trace } from '../test/run';
import { allowAllFiles, fileRule, table } from '../test/tables';

const linux = process.platform === 'linux';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'at-race-'));
  mkdirSync(join(dir, 'aa'));
  mkdirSync(join(dir, 'pp'));
  const allowed = join(dir, 'aa', 'f');
  const protectedFile = join(dir, 'pp', 'f');
  writeFileSync(allowed, '');
  writeFileSync(protectedFile, 'keep');
  const link = join(dir, 'link');
  symlinkSync(allowed, link);
  const t = table({
    file: [fileRule('protect', 'deny', [`${dir}/pp/**`], ['write', 'create']), allowAllFiles],
  });
  return { allowed, protectedFile, link, t };
}

// These races are probabilistic: a run may never hit the window between the check and the kernel's
// own path walk. When it does, the exit-stop check of the opened fd closes it and returns EACCES.
describe.runIf(linux)('TOCTOU: the file really opened is checked', () => {
  it('a symlink swapped between check and use never yields a writable protected file', async () => {
    const s = setup();
    const r = await trace([prog('race'), 'symlink', s.allowed, s.protectedFile, s.link, '1500'], s.t);
    expect(r.stdout).toMatch(/^opened \d+\n$/);
    expect(readFileSync(s.protectedFile, 'utf8')).toBe('keep');
    expect(readFileSync(s.allowed, 'utf8').length).toBeGreaterThan(0);
  });

  it('a path buffer rewritten by another thread during the stop never yields a writable protected file', async () => {
    const s = setup();
    const r = await trace([prog('race'), 'buffer', s.allowed, s.protectedFile, s.link, '1500'], s.t);
    expect(r.stdout).toMatch(/^opened \d+\n$/);
    expect(readFileSync(s.protectedFile, 'utf8')).toBe('keep');
  });
});
