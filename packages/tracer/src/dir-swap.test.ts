import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { trace } from '../test/run';
import { allowAllFiles, fileRule, table } from '../test/tables';

const stop = { exec: true, file: true, readOnlyOpen: true, network: false, unixSocket: false, signal: true };

/** WORK (everything allowed) and DENIED (everything denied) holding f = "secret". */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'at-dswap-'));
  const work = join(dir, 'work');
  const denied = join(dir, 'denied');
  mkdirSync(work);
  mkdirSync(denied);
  writeFileSync(join(denied, 'f'), 'secret');
  const t = table({ stop, file: [fileRule('no-denied', 'deny', [denied, `${denied}/**`]), allowAllFiles] });
  return { work, denied, t };
}

// A second process turns WORK/d from a directory into a symlink to DENIED and back while a
// single-threaded one opens (or unlinks) d/f through a 1900-component path, so the kernel reaches d
// well after the tracer's check. Before the walk fence (fence.c) about 1 read in 15 returned the
// denied file and the unlink run deleted it; now a rename waits until every checked walk is over.
describe.runIf(process.platform === 'linux')('directory swapped for a symlink by another process', () => {
  it('a read-only open never reads the denied file', async () => {
    const s = setup();
    const r = await trace([prog('dir_swap'), 'read', s.work, s.denied, '5000'], s.t);
    const m = /^leaked (\d+) ok (\d+)\n$/.exec(r.stdout);
    expect(m, r.stdout + r.stderr).not.toBeNull();
    expect(Number(m?.[1])).toBe(0);
    expect(Number(m?.[2])).toBeGreaterThan(0); // the race was really run: allowed reads happened
    expect(r.denied.some((e) => e.rule === 'no-denied')).toBe(true);
  }, 60_000);

  it('an unlink never removes the denied file', async () => {
    const s = setup();
    const r = await trace([prog('dir_swap'), 'unlink', s.work, s.denied, '5000'], s.t);
    expect(r.stdout).toMatch(/^leaked 0 ok [1-9]\d*\n$/);
    expect(readFileSync(join(s.denied, 'f'), 'utf8')).toBe('secret');
  }, 60_000);
});
