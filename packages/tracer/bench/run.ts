import { rmSync } from 'node:fs';
import { spawnTraced } from '../src/spawn';
import type { PolicyTable } from '../src/table';
import { benchEnv, defaultTable, fresh, native, withoutReadStops } from './phase-run';
import { type Phase, phases } from './phases';

const table = defaultTable;
const noReadStops = withoutReadStops(table);
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
/** AGENTSH_BENCH_FENCE=FILE: run with a shared walk-fence file, as the daemon's commands do. */
const fence = process.env.AGENTSH_BENCH_FENCE ? { fence: process.env.AGENTSH_BENCH_FENCE } : {};
/** AGENTSH_BENCH_IDLE_POLLING=1: traced runs hold idle polling (spawnTraced's idlePolling). */
const idlePolling = process.env.AGENTSH_BENCH_IDLE_POLLING === '1';

async function traced(p: Phase, t: PolicyTable): Promise<{ ms: number; stops: number; all: number }> {
  const dir = fresh(p);
  const t0 = performance.now();
  const proc = await spawnTraced({
    argv: p.argv,
    table: t,
    cwd: dir,
    env: benchEnv,
    stdio: 'ignore',
    idlePolling,
    ...fence,
  });
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
  `runs per phase: ${runs} (best of), policy: policies/default.yaml (compiled), ${process.env.AGENTSH_BENCH_WHERE ?? 'native'}${idlePolling ? ', traced runs with idle polling' : ''}`,
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
