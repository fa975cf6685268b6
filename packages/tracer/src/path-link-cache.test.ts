import { rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readsTable, run, session, skipFixed, tree } from '../test/fixed-tree';

// The helper follows a symlink leaf of a fixed directory without the component walk when no one can
// re-point it (path_leaf.c: libfoo.so.1 -> libfoo.so.1.2.3). These tests re-point such links between
// two reads: after a table change that allows it, and by a tracee the table lets do it. A stale
// target would let the second read of the secret through. Each command reads d/f first: that read
// teaches the helper that d is fixed, without which links in d always take the walk.

describe.skipIf(skipFixed !== null)(
  `fixed symlink leaves${skipFixed ? ` [skipped: ${skipFixed}]` : ''}`,
  () => {
    it('judges a read through a fixed link by its target, relative or absolute', async () => {
      const root = tree('/run');
      try {
        symlinkSync('f', join(root, 'd', 'rel'));
        symlinkSync(join(root, 'secret', 's'), join(root, 'd', 'abs'));
        const t = readsTable(root, false, [`${root}/d/**`]);
        const cmd = `cat ${root}/d/f; for i in 1 2; do cat ${root}/d/rel; cat ${root}/d/abs || echo denied; done`;
        expect(await run(['/bin/sh', '-c', cmd], t)).toBe('ok\nok\ndenied\nok\ndenied\n');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    it('is looked at again after a table change lets the link be re-pointed', async () => {
      const root = tree('/run');
      const link = join(root, 'd', 'ln');
      try {
        symlinkSync('f', link);
        const frozen = readsTable(root, false, [`${root}/d/**`]);
        const out = await session(
          root,
          frozen,
          async (p) => {
            await p.setTable(readsTable(root, false)); // the leaves are no longer frozen
            unlinkSync(link); // as a tracee now could
            symlinkSync(join(root, 'secret', 's'), link);
          },
          [`${root}/d/f ${link}`, `${root}/d/f ${link}`],
        );
        expect(out).toBe('ok\nok\nok\nrc=1\n');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    it('never holds a link the table lets a tracee re-point', async () => {
      const root = tree('/run');
      const link = join(root, 'd', 'ln');
      try {
        symlinkSync('f', link);
        const cmd = `cat ${root}/d/f; cat ${link}; cat ${link}; rm ${link}; ln -s ${root}/secret/s ${link}; cat ${link}; echo rc=$?`;
        expect(await run(['/bin/sh', '-c', cmd], readsTable(root, false))).toBe('ok\nok\nok\nrc=1\n');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  },
);
