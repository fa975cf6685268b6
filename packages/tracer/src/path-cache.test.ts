import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readsTable, run, session, skipFixed, swap, tree } from '../test/fixed-tree';
import { allowAllCommands, commandRule, fileRule } from '../test/tables';
import { spawnTraced } from './spawn';
import type { PolicyTable } from './table';

// The helper caches directories that cannot change under the current table (path_cache.h): the
// table denies removing, renaming or replacing them and only root may write their parents. These
// tests swap such a directory for a symlink to a denied tree between two reads of one session: once
// after a table change that allows the swap (the cache must be dropped), once from outside the
// session in a world-writable tree (never cached). A stale cache would judge the lexical path and
// let the read of the secret through.

describe.skipIf(skipFixed !== null)(
  `fixed-directory cache${skipFixed ? ` [skipped: ${skipFixed}]` : ''}`,
  () => {
    it('is dropped when a new table allows the swap', async () => {
      const root = tree('/run');
      try {
        const out = await session(root, readsTable(root, false), async (p) => {
          await p.setTable(readsTable(root, true));
          swap(root); // as a tracee now could
        });
        expect(out).toMatch(/^ok\nrc=1\n$/);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    it('looks again at a file in a fixed directory that the table lets a tracee replace', async () => {
      const root = tree('/run');
      try {
        const f = `${root}/d/f`;
        const cmd = `cat ${f}; cat ${f}; rm ${f}; ln -s ${root}/secret/s ${f}; cat ${f}; echo rc=$?`;
        const out = await run(['/bin/sh', '-c', cmd], readsTable(root, false));
        expect(out).toBe('ok\nok\nrc=1\n');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    it("remembers a fixed script's interpreter: every exec of it is judged by the interpreter too", async () => {
      const root = tree('/run');
      try {
        const script = join(root, 'd', 'hello');
        writeFileSync(script, '#!/usr/bin/true\n', { mode: 0o755 });
        const base = readsTable(root, false);
        const t: PolicyTable = {
          ...base,
          file: [fileRule('frozen-script', 'deny', [script]), ...base.file],
          command: [commandRule('no-true', 'deny', { names: ['true'] }), allowAllCommands],
        };
        const p = await spawnTraced({
          argv: ['/bin/sh', '-c', `${script}; ${script}; ${script}; echo done`],
          table: t,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        let out = '';
        p.stdout?.setEncoding('utf8');
        p.stdout?.on('data', (c: string) => {
          out += c;
        });
        const denied: string[] = [];
        for await (const e of p.events)
          if (e.type === 'exec' && e.effective === 'deny' && 'path' in e) denied.push(String(e.path));
        await p.exited;
        expect(out).toBe('done\n');
        expect(denied).toEqual([script, script, script]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  },
);

describe.runIf(process.platform === 'linux')('fixed-directory cache', () => {
  it('never holds a directory whose parent others may write (swapped from outside the session)', async () => {
    const root = tree(tmpdir()); // /tmp is world-writable: nothing below it is fixed
    try {
      const out = await session(root, readsTable(root, false), async () => swap(root));
      expect(out).toMatch(/^ok\nrc=1\n$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
