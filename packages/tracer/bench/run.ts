// pnpm --filter @agentsh/tracer bench [-- --runs N] : each phase native vs traced in the same run,
// with the compiled policies/default.yaml table (read from @agentsh/policy's parity fixture as JSON,
// so the tracer package does not import @agentsh/policy). Prints a markdown table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTraced } from '../src/spawn';
import type { PolicyTable } from '../src/table';
import { type Phase, phases } from './phases';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, '..', '..', 'policy', 'test', 'fixtures', 'parity', 'default.json');
const table = (JSON.parse(readFileSync(fixture, 'utf8')) as { table: PolicyTable }).table;
/** The same policy as if it had no read rules: read-only opens are then passed by the BPF filter. */
const noReadStops: PolicyTable = { ...table, stop: { ...table.stop, readOnlyOpen: false } };
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const env = { ...process.env, HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' } as Record<
  string,
  string
>;

function fresh(p: Phase): string {
  const dir = mkdtempSync(join(tmpdir(), 'agentsh-bench-'));
  p.setup?.(dir);
  return dir;
}

function native(p: Phase): number {
  const dir = fresh(p);
  const t0 = performance.now();
  const r = spawnSync(p.argv[0] ?? '', p.argv.slice(1), { cwd: dir, env, stdio: 'ignore' });
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${p.name}: native run failed (${r.status})`);
  return ms;
}

async function traced(p: Phase, t: PolicyTable): Promise<{ ms: number; stops: number; all: number }> {
  const dir = fresh(p);
  const t0 = performance.now();
  const proc = await spawnTraced({ argv: p.argv, table: t, cwd: dir, env, stdio: 'ignore' });
  const drain = (async () => {
    for await (const _ of proc.events) {
    }
  })();
  const exit = await proc.exited;
  await drain;
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  if (exit.code !== 0) throw new Error(`${p.name}: traced run failed (${exit.code}, ${exit.denies} denies)`);
  return { ms, stops: exit.stops, all: exit.ptraceStops };
}

/** Best of the runs: the machine is shared, so the minimum is the least noisy estimate. */
function best(v: number[]): number {
  return Math.min(...v);
}

const rows: string[] = [];
let totalNative = 0;
let totalTraced = 0;
let totalNoRead = 0;
for (const p of phases()) {
  const n: number[] = [];
  const t: number[] = [];
  const q: number[] = [];
  let stops = 0;
  let all = 0;
  let quietStops = 0;
  for (let i = 0; i < runs; i++) {
    n.push(native(p));
    const r = await traced(p, table);
    t.push(r.ms);
    stops = r.stops;
    all = r.all;
    const r2 = await traced(p, noReadStops);
    q.push(r2.ms);
    quietStops = r2.all;
  }
  const nm = best(n);
  const tm = best(t);
  const qm = best(q);
  totalNative += nm;
  totalTraced += tm;
  totalNoRead += qm;
  const perStop = all ? ((tm - nm) * 1000) / all : 0;
  const pct = (x: number) => `${((x / nm - 1) * 100).toFixed(0)}%`;
  rows.push(
    `| ${p.name} | ${nm.toFixed(0)} | ${tm.toFixed(0)} | ${pct(tm)} | ${stops} | ${all} | ${perStop.toFixed(0)} | ${qm.toFixed(0)} (${pct(qm)}, ${quietStops} stops) |`,
  );
}
console.log(
  `runs per phase: ${runs} (best of), policy: policies/default.yaml (compiled), ${process.env.AGENTSH_BENCH_WHERE ?? 'native'}`,
);
console.log(
  '| phase | native ms | traced ms | overhead | seccomp stops | all ptrace stops | µs per ptrace stop | traced, no read stops |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
const total = (x: number) => `${((x / totalNative - 1) * 100).toFixed(0)}%`;
console.log(
  `| **total** | ${totalNative.toFixed(0)} | ${totalTraced.toFixed(0)} | **${total(totalTraced)}** | | | | ${totalNoRead.toFixed(0)} (**${total(totalNoRead)}**) |`,
);
