// What both benchmarks (run.ts, ab.ts) share: the compiled default.yaml table, the environment the
// phases run in, and a phase run natively in a fresh directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PolicyTable } from '../src/table';
import type { Phase } from './phases';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, '..', '..', 'policy', 'test', 'fixtures', 'parity', 'default.json');

/** policies/default.yaml compiled (read from @agentsh/policy's parity fixture: no import of policy). */
export const defaultTable = (JSON.parse(readFileSync(fixture, 'utf8')) as { table: PolicyTable }).table;

/** The same table as if the policy had no read rules: the BPF filter passes read-only opens. */
export function withoutReadStops(t: PolicyTable): PolicyTable {
  return { ...t, stop: { ...t.stop, readOnlyOpen: false } };
}

export const benchEnv = {
  ...process.env,
  HOME: tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
} as Record<string, string>;

/** A fresh working directory with the phase's set-up done. */
export function fresh(p: Phase): string {
  const dir = mkdtempSync(join(tmpdir(), 'agentsh-bench-'));
  p.setup?.(dir);
  return dir;
}

/** The phase run without the tracer; milliseconds. */
export function native(p: Phase): number {
  const dir = fresh(p);
  const t0 = performance.now();
  const r = spawnSync(p.argv[0] ?? '', p.argv.slice(1), { cwd: dir, env: benchEnv, stdio: 'ignore' });
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${p.name}: native run failed (${r.status})`);
  return ms;
}
