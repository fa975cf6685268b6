// Cases added to the runsc batch for the newer guarantees: scratch area on small stacks, exec from a
// non-leader thread, cut argv, kernel knobs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTraced } from '../../src/spawn';
import { trace, traceSh } from '../run';
import { GUARD_EXPECTED, scratchGuard } from '../scratch-guard';
import { allowAllCommands, allowAllFiles, commandRule, fileRule, table } from '../tables';
import type { Case } from './more-cases';

const noCat = table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] });

const readStops = {
  exec: true,
  file: true,
  readOnlyOpen: true,
  network: false,
  unixSocket: false,
  signal: true,
};

export const extraCases: Record<string, Case> = {
  // no mseal under gVisor: the prefilter's window guard is what protects the scratch area
  scratchGuard: async () => {
    const out = await scratchGuard();
    return [out === GUARD_EXPECTED, out];
  },
  // src/dir-swap.test.ts: a directory swapped for a symlink by another process (the walk fence)
  dirSwap: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-dswap-'));
    const [work, work2, denied] = [join(dir, 'work'), join(dir, 'work2'), join(dir, 'denied')];
    for (const d of [work, work2, denied]) mkdirSync(d);
    writeFileSync(join(denied, 'f'), 'secret');
    const t = table({
      stop: readStops,
      file: [fileRule('no-denied', 'deny', [denied, `${denied}/**`]), allowAllFiles],
    });
    const bin = process.env.AT_DIR_SWAP_BIN ?? '';
    const read = await trace([bin, 'read', work, denied, '1500'], t);
    const unlink = await trace([bin, 'unlink', work2, denied, '1500'], t);
    const ok =
      /^leaked 0 ok [1-9]/.test(read.stdout) &&
      /^leaked 0 ok [1-9]/.test(unlink.stdout) &&
      readFileSync(join(denied, 'f'), 'utf8') === 'secret';
    return [ok, [read.stdout, unlink.stdout]];
  },
  // the same race between two commands sharing a fence file (xfence.c: shared mapping, SIGUSR2)
  dirSwapTwoCommands: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-dswap2-'));
    const [work, denied] = [join(dir, 'work'), join(dir, 'denied')];
    for (const d of [work, denied, join(work, 'd')]) mkdirSync(d);
    writeFileSync(join(denied, 'f'), 'secret');
    writeFileSync(join(work, 'd', 'f'), 'plain');
    symlinkSync(denied, join(work, 's'));
    const t = table({
      stop: readStops,
      file: [fileRule('no-denied', 'deny', [denied, `${denied}/**`]), allowAllFiles],
    });
    const bin = process.env.AT_DIR_SWAP_BIN ?? '';
    const fence = join(dir, 'fence');
    const swapper = await spawnTraced({
      argv: [bin, 'swapper', work, denied, '0'],
      table: t,
      stdio: 'ignore',
      fence,
    });
    const drain = (async () => {
      for await (const _ of swapper.events);
    })();
    const read = await trace([bin, 'reader', work, denied, '1500'], t, { fence });
    swapper.kill();
    await Promise.all([swapper.exited, drain]);
    return [/^leaked 0 ok [1-9]/.test(read.stdout), read.stdout];
  },
  smallStackScratch: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-ss-'));
    symlinkSync(dir, `${dir}.link`); // a symlink on the way makes the tracer pin the path
    const target = join(dir, 'made');
    const r = await trace([process.env.AT_SMALL_STACK_BIN ?? '', join(`${dir}.link`, 'made')], table());
    return [r.stdout === 'intact rc=0\n' && existsSync(target), r.stdout];
  },
  threadExec: async () => {
    const bin = process.env.AT_THREAD_EXEC_BIN ?? '';
    const denied = await trace([bin, '/usr/bin/cat', '/dev/null'], noCat);
    const allowed = await trace([bin, '/bin/sh', '-c', 'cat /dev/null; echo rc=$?'], noCat);
    return [
      denied.stdout === 'exec failed 13\n' && allowed.stdout === 'rc=126\n',
      [denied.stdout, allowed.stdout],
    ];
  },
  argvTooLong: async () => {
    const t = table({
      command: [
        commandRule('no-rf', 'deny', {
          names: ['rm'],
          args: [{ source: '-rf', ere: '-rf', caseInsensitive: false }],
        }),
        allowAllCommands,
      ],
    });
    const r = await traceSh('set -- $(seq 1 3000); /usr/bin/env true "$@"; echo rc=$?', t);
    return [r.stdout === 'rc=126\n' && r.denied[0]?.rule === 'exec-argv-too-long', r.stdout];
  },
  kernelKnobs: async () => {
    const r = await traceSh(
      'v=$(cat /proc/sys/vm/swappiness); echo "$v" > /proc/sys/vm/swappiness; echo a=$?',
      table(),
    );
    return [r.stdout === 'a=2\n' && r.denied[0]?.rule === 'kernel-tunable-write', r.stdout];
  },
};
