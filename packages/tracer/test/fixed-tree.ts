// A tree for the fixed-directory cache tests (path_cache.h): root/d (readable, frozen unless the table
// allows the swap) and root/secret (reads denied). Under /run (root-only parents) it can be fixed.
import { chmodSync, mkdirSync, mkdtempSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnTraced, type TracedProcess } from '../src/spawn';
import type { PolicyTable } from '../src/table';
import { fileRule, table } from './tables';

const isRoot = process.getuid?.() === 0;
const runOk = (() => {
  try {
    const st = statSync('/run');
    return st.isDirectory() && st.uid === 0 && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
})();
export const skipFixed =
  process.platform !== 'linux' ? 'not linux' : !isRoot ? 'needs root' : !runOk ? 'no root-only /run' : null;

export function tree(base: string) {
  const root = mkdtempSync(join(base, 'at-fixed-'));
  chmodSync(root, 0o755);
  mkdirSync(join(root, 'd'), { mode: 0o755 });
  mkdirSync(join(root, 'secret'), { mode: 0o755 });
  writeFileSync(join(root, 'd', 'f'), 'ok\n');
  writeFileSync(join(root, 'd', 's'), 'plain\n');
  writeFileSync(join(root, 'secret', 's'), 'SECRET\n');
  return root;
}

/** Reads of root/secret denied; unless swapAllowed, root/d, its ancestors and frozenLeaves may not change. */
export function readsTable(root: string, swapAllowed: boolean, frozenLeaves: string[] = []): PolicyTable {
  const frozen = ['delete', 'rmdir', 'rename', 'symlink', 'link', 'chmod', 'chown'] as const;
  const ancestors = root
    .split('/')
    .map((_, i, parts) => parts.slice(0, i + 1).join('/'))
    .filter((x) => x);
  return table({
    stop: { ...table().stop, readOnlyOpen: true },
    file: [
      fileRule('no-secret', 'deny', [`${root}/secret/**`]),
      ...(swapAllowed
        ? []
        : [fileRule('frozen', 'deny', [...ancestors, `${root}/d`, ...frozenLeaves], [...frozen])]),
      fileRule('allow-rest', 'allow', ['/**']),
    ],
  });
}

/** Runs `cat first; read; cat second` (default d/f, d/s); between the reads, `between` runs. Returns the output. */
export async function session(
  root: string,
  t: PolicyTable,
  between: (p: TracedProcess) => Promise<void>,
  [first, second] = [`${root}/d/f`, `${root}/d/s`],
) {
  const p = await spawnTraced({
    argv: ['/bin/sh', '-c', `cat ${first}; read x; cat ${second}; echo rc=$?`],
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

export function swap(root: string): void {
  renameSync(join(root, 'd'), join(root, 'd-old'));
  symlinkSync(join(root, 'secret'), join(root, 'd'));
}

/** Runs argv under t and returns its stdout once it and every event are done. */
export async function run(argv: string[], t: PolicyTable): Promise<string> {
  const p = await spawnTraced({ argv, table: t, stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  p.stdout?.setEncoding('utf8');
  p.stdout?.on('data', (c: string) => {
    out += c;
  });
  for await (const _ of p.events) {
  }
  await p.exited;
  return out;
}
