import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { trace } from '../test/run';
import { allowAllFiles, fileRule, table } from '../test/tables';
import { spawnTraced } from './spawn';

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

// The same race between two commands (two helpers): the swapper and the reader run as separate
// spawnTraced calls. With a shared fence file (what the daemon gives every command) the reader never
// gets the denied file; without one it does (the second case shows the race is real here).
describe.runIf(process.platform === 'linux')('directory swap by another command', () => {
  async function twoCommands(fence: string | undefined) {
    const s = setup();
    mkdirSync(join(s.work, 'd'));
    writeFileSync(join(s.work, 'd', 'f'), 'plain');
    symlinkSync(s.denied, join(s.work, 's'));
    const extra = fence ? { fence } : {};
    const swapper = await spawnTraced({
      argv: [prog('dir_swap'), 'swapper', s.work, s.denied, '0'],
      table: s.t,
      stdio: 'ignore',
      ...extra,
    });
    const drain = (async () => {
      for await (const _ of swapper.events);
    })();
    await new Promise((r) => setTimeout(r, 100));
    const r = await trace([prog('dir_swap'), 'reader', s.work, s.denied, '5000'], s.t, extra);
    swapper.kill();
    await Promise.all([swapper.exited, drain]);
    const m = /^leaked (\d+) ok (\d+)\n$/.exec(r.stdout);
    expect(m, r.stdout + r.stderr).not.toBeNull();
    return { leaked: Number(m?.[1]), ok: Number(m?.[2]) };
  }

  it('a shared fence file keeps the reader from the denied file', async () => {
    const fence = join(mkdtempSync(join(tmpdir(), 'at-fence-')), 'fence');
    const r = await twoCommands(fence);
    expect(r.leaked).toBe(0);
    expect(r.ok).toBeGreaterThan(0);
  }, 60_000);

  it('without one the race is won (what the fence file is for)', async () => {
    const r = await twoCommands(undefined);
    expect(r.leaked).toBeGreaterThan(0);
  }, 60_000);

  it('a tracee may not open the fence file', async () => {
    const fence = join(mkdtempSync(join(tmpdir(), 'at-fence-')), 'fence');
    const r = await trace(['/bin/sh', '-c', `echo x > ${fence}; echo rc=$?`], table(), { fence });
    expect(r.stdout).toBe('rc=2\n');
    expect(r.denied[0]?.rule).toBe('tracer-fence-file');
  });
});

describe.runIf(process.platform === 'linux')('fence bookkeeping', () => {
  it('the fence file cannot be linked, removed or renamed, nor a directory above it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-fence-'));
    mkdirSync(join(dir, 'state'));
    const fence = join(dir, 'state', 'fence');
    writeFileSync(join(dir, 'x'), '');
    const script = [
      `mv ${dir}/state ${dir}/moved; echo a=$?`,
      `mv ${fence} ${dir}/f2; echo b=$?`,
      `ln ${fence} ${dir}/f3; echo c=$?`,
      `rm -f ${fence}; echo d=$?`,
      `mv ${dir}/x ${dir}/y; echo e=$?`,
    ].join('; ');
    const r = await trace(['/bin/sh', '-c', script], table(), { fence });
    expect(r.stdout).toBe('a=1\nb=1\nc=1\nd=1\ne=0\n');
    expect(r.denied.map((e) => e.rule)).toEqual(Array(4).fill('tracer-fence-file'));
  });

  it('a rename approved after a wait goes through the fence (while another command reads)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-fence-'));
    const fence = join(dir, 'fence');
    writeFileSync(join(dir, 'a'), 'x');
    const ask = table({
      file: [fileRule('ask-rename', 'approve', [`${dir}/a`], ['rename'], { timeoutMs: 5000 }), allowAllFiles],
    });
    const reader = trace(
      [
        '/bin/sh',
        '-c',
        `for n in $(seq 1 300); do cat ${dir}/fence > /dev/null 2>&1; cat /etc/hostname > /dev/null; done; echo read`,
      ],
      table(),
      { fence },
    );
    const r = await trace(['/bin/mv', join(dir, 'a'), join(dir, 'b')], ask, {
      fence,
      onApproval: () => new Promise((resolve) => setTimeout(() => resolve(true), 200)),
    });
    expect(r.exit.code).toBe(0);
    expect(r.events.find((e) => e.type === 'file' && e.rule === 'ask-rename')).toMatchObject({
      note: 'approved',
    });
    expect((await reader).stdout).toBe('read\n');
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('x');
  }, 30_000);

  it('a claim left by a dead helper whose pid now belongs to another process is cleared', async () => {
    // the fence file as a helper killed mid-rename would leave it, its pid since reused (here: this
    // test process): holder = that pid, its slot with walkers and another start time
    const dir = mkdtempSync(join(tmpdir(), 'at-fence-'));
    const fence = join(dir, 'fence');
    const buf = Buffer.alloc(8 + 1024 * 16); // holder, running, 1024 slots of {pid, walkers, start}
    buf.writeInt32LE(process.pid, 0); // holder
    buf.writeInt32LE(1, 4); // running
    buf.writeInt32LE(process.pid, 8); // slot 0: pid
    buf.writeInt32LE(3, 12); // walkers
    buf.writeBigUInt64LE(12345n, 16); // start time: not this process's
    writeFileSync(fence, buf);
    writeFileSync(join(dir, 'a'), '');
    const t0 = performance.now();
    const r = await trace(['/bin/mv', join(dir, 'a'), join(dir, 'b')], table(), { fence });
    expect(r.exit.code).toBe(0);
    expect(performance.now() - t0).toBeLessThan(3000);
  }, 30_000);

  it("a thread that vanished in another thread's exec leaves no walker behind", async () => {
    // command 1 execs from a non-leader thread (the exec'ing thread's record goes away without an exit
    // report) and then sleeps; command 2's rename must not wait for command 1 to end
    const dir = mkdtempSync(join(tmpdir(), 'at-fence-'));
    const fence = join(dir, 'fence');
    writeFileSync(join(dir, 'a'), '');
    const sleeper = await spawnTraced({
      argv: [prog('thread_exec'), '/bin/sleep', '3'],
      table: table(),
      stdio: 'ignore',
      fence,
    });
    const drain = (async () => {
      for await (const _ of sleeper.events);
    })();
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    const r = await trace(['/bin/mv', join(dir, 'a'), join(dir, 'b')], table(), { fence });
    const ms = performance.now() - t0;
    sleeper.kill();
    await Promise.all([sleeper.exited, drain]);
    expect(r.exit.code).toBe(0);
    expect(ms).toBeLessThan(1500);
  }, 30_000);
});

describe.runIf(process.platform === 'linux')('fence under load', () => {
  it('four commands sharing a fence, renaming and opening in parallel, all finish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-fence-load-'));
    const fence = join(dir, 'fence');
    const script = (i: number) =>
      `cd ${dir} && for n in $(seq 1 150); do echo $n > f${i}; mv f${i} g${i}; cat g${i} > /dev/null; ln -sf g${i} l${i}; done; echo done${i}`;
    const t0 = performance.now();
    const runs = await Promise.all(
      [0, 1, 2, 3].map((i) => trace(['/bin/sh', '-c', script(i)], table(), { fence })),
    );
    const ms = performance.now() - t0;
    expect(runs.map((r) => r.stdout)).toEqual(['done0\n', 'done1\n', 'done2\n', 'done3\n']);
    expect(runs.every((r) => r.exit.code === 0)).toBe(true);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);
});
