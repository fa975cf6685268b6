import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowAllCommands, commandRule, fileRule, table } from '../test/tables';
import { spawnTraced, type TracedProcess } from './spawn';
import type { PolicyTable } from './table';

// The helper caches directories that cannot change under the current table (path_cache.h): the
// table denies removing, renaming or replacing them and only root may write their parents. These
// tests swap such a directory for a symlink to a denied tree between two reads of one session: once
// after a table change that allows the swap (the cache must be dropped), once from outside the
// session in a world-writable tree (never cached). A stale cache would judge the lexical path and
// let the read of the secret through.

const isRoot = process.getuid?.() === 0;
const runOk = (() => {
  try {
    const st = statSync('/run');
    return st.isDirectory() && st.uid === 0 && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
})();
const skipFixed =
  process.platform !== 'linux' ? 'not linux' : !isRoot ? 'needs root' : !runOk ? 'no root-only /run' : null;

function tree(base: string) {
  const root = mkdtempSync(join(base, 'at-fixed-'));
  chmodSync(root, 0o755);
  mkdirSync(join(root, 'd'), { mode: 0o755 });
  mkdirSync(join(root, 'secret'), { mode: 0o755 });
  writeFileSync(join(root, 'd', 'f'), 'ok\n');
  writeFileSync(join(root, 'd', 's'), 'plain\n');
  writeFileSync(join(root, 'secret', 's'), 'SECRET\n');
  return root;
}

/** Reads of root/secret denied; unless swapAllowed, root/d and its ancestors may not change. */
function readsTable(root: string, swapAllowed: boolean): PolicyTable {
  const frozen = ['delete', 'rmdir', 'rename', 'symlink', 'link', 'chmod', 'chown'] as const;
  const ancestors = root
    .split('/')
    .map((_, i, parts) => parts.slice(0, i + 1).join('/'))
    .filter((x) => x);
  return table({
    stop: { ...table().stop, readOnlyOpen: true },
    file: [
      fileRule('no-secret', 'deny', [`${root}/secret/**`]),
      ...(swapAllowed ? [] : [fileRule('frozen', 'deny', [...ancestors, `${root}/d`], [...frozen])]),
      fileRule('allow-rest', 'allow', ['/**']),
    ],
  });
}

/** Runs `cat d/f; read; cat d/s` in root; between the reads, `between` runs. Returns the output. */
async function session(root: string, t: PolicyTable, between: (p: TracedProcess) => Promise<void>) {
  const p = await spawnTraced({
    argv: ['/bin/sh', '-c', `cat ${root}/d/f; read x; cat ${root}/d/s; echo rc=$?`],
    table: t,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let out = '';
  p.stdout?.setEncoding('utf8');
  p.stdout?.on('data', (c: string) => {
    out += c;
  });
  const drain = (async () => {
    for await (const _ of p.events) {
    }
  })();
  while (!out.includes('ok\n')) await new Promise((r) => setTimeout(r, 10));
  await between(p);
  p.stdin?.end('go\n');
  await p.exited;
  await drain;
  return out;
}

function swap(root: string): void {
  renameSync(join(root, 'd'), join(root, 'd-old'));
  symlinkSync(join(root, 'secret'), join(root, 'd'));
}

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
        const p = await spawnTraced({
          argv: [
            '/bin/sh',
            '-c',
            `cat ${f}; cat ${f}; rm ${f}; ln -s ${root}/secret/s ${f}; cat ${f}; echo rc=$?`,
          ],
          table: readsTable(root, false),
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        let out = '';
        p.stdout?.setEncoding('utf8');
        p.stdout?.on('data', (c: string) => {
          out += c;
        });
        for await (const _ of p.events) {
        }
        await p.exited;
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
