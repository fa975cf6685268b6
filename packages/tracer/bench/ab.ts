import { rmSync } from 'node:fs';
import { loadNativeBinding } from '../src/native';
import { spawnTraced } from '../src/spawn';
import type { PolicyTable } from '../src/table';
import { benchEnv, defaultTable, fresh, native, withoutReadStops } from './phase-run';
import { type Phase, phases } from './phases';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const table: PolicyTable = process.argv.includes('--noread') ? withoutReadStops(defaultTable) : defaultTable;
const helperA = arg('--a');
const helperB = arg('--b') ?? loadNativeBinding().helperPath;
if (!helperA) throw new Error('usage: ab.ts --a OLD_HELPER [--b NEW_HELPER] [--runs N] [--noread]');
const runs = Number(arg('--runs')) || 5;

async function traced(p: Phase, helperPath: string): Promise<{ ms: number; all: number }> {
  const dir = fresh(p);
  const t0 = performance.now();
  const proc = await spawnTraced(
    { argv: p.argv, table, cwd: dir, env: benchEnv, stdio: 'ignore' },
    { binding: { helperPath } },
  );
  for await (const _ of proc.events) {
  }
  const exit = await proc.exited;
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  if (exit.code !== 0) throw new Error(`${p.name}: traced run failed (${exit.code}, ${exit.denies} denies)`);
  return { ms, all: exit.ptraceStops };
}

const pct = (x: number, base: number) => `${((x / base - 1) * 100).toFixed(0)}%`;
const sum = { n: 0, a: 0, b: 0 };
console.log(
  `A: ${helperA}\nB: ${helperB}\nruns per phase: ${runs} (best of), read stops: ${table.stop.readOnlyOpen}`,
);
console.log('| phase | native ms | A ms | A overhead | A stops | B ms | B overhead | B stops | B/A |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const only = arg('--only');
for (const p of phases().filter((x) => !only || x.name.includes(only))) {
  const n: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  let stopsA = 0;
  let stopsB = 0;
  for (let i = 0; i < runs; i++) {
    n.push(native(p));
    const ra = await traced(p, helperA);
    const rb = await traced(p, helperB);
    a.push(ra.ms);
    b.push(rb.ms);
    stopsA = ra.all;
    stopsB = rb.all;
  }
  const [nm, am, bm] = [Math.min(...n), Math.min(...a), Math.min(...b)];
  sum.n += nm;
  sum.a += am;
  sum.b += bm;
  console.log(
    `| ${p.name} | ${nm.toFixed(0)} | ${am.toFixed(0)} | ${pct(am, nm)} | ${stopsA} | ${bm.toFixed(0)} | ${pct(bm, nm)} | ${stopsB} | ${(bm / am).toFixed(2)} |`,
  );
}
console.log(
  `| **total** | ${sum.n.toFixed(0)} | ${sum.a.toFixed(0)} | **${pct(sum.a, sum.n)}** | | ${sum.b.toFixed(0)} | **${pct(sum.b, sum.n)}** | | ${(sum.b / sum.a).toFixed(2)} |`,
);
