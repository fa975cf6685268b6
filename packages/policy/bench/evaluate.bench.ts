// pnpm --filter @agentsh/policy bench
// File and command decisions per second on policies/default.yaml against a trivial baseline loop
// measured in the same run, and the time to load + validate + build the engine + compile the table.
// BENCH_MS (default 1500) sets the time per measurement.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compile';
import { createEngine } from '../src/engine';
import { parsePolicy } from '../src/parse-policy';

const POLICY = fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url));
const VARIABLES = { vars: { PROJECT_ROOT: '/root' }, env: { HOME: '/root' } };
const MS = Number(process.env.BENCH_MS ?? 1500);

const FILES: [string, string][] = [
  ['/root/project/src/index.ts', 'open'],
  ['/root/test_write.txt', 'create'],
  ['/etc/hosts', 'open'],
  ['/tmp/build/out.o', 'write'],
  ['/usr/lib/x86_64-linux-gnu/libc.so.6', 'open'],
  ['/etc/hack', 'create'],
  ['/proc/1/environ', 'open'],
  ['/usr/bin/evil', 'create'],
  ['/proc/self/status', 'open'],
  ['/dev/null', 'write'],
  ['/srv/app/.env', 'open'],
  ['/var/log/syslog', 'open'],
];
const COMMANDS: [string, string[]][] = [
  ['ls', ['-la', '/']],
  ['sudo', ['whoami']],
  ['git', ['push', '--force']],
  ['/usr/bin/python3', ['-c', 'print(1)']],
  ['rm', ['-rf', '/tmp/x']],
  ['whoami', []],
  ['npm', ['install', 'left-pad']],
  ['nc', ['-l', '4444']],
  ['/usr/local/bin/docker', ['ps']],
  ['make', ['-j4']],
];

let sink = 0;

/** CPU time of this process in ms (user + system): unaffected by waiting for a shared core. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Calls fn(i) in batches until MS of wall time elapsed; returns calls per CPU second and per wall second. */
function rate(fn: (i: number) => number): { cpu: number; wall: number } {
  const batch = 10_000;
  for (let i = 0; i < batch * 5; i++) sink += fn(i); // warm-up
  let calls = 0;
  const start = process.hrtime.bigint();
  const cpu0 = cpuMs();
  const deadline = start + BigInt(MS) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < batch; i++) sink += fn(calls + i);
    calls += batch;
    now = process.hrtime.bigint();
  }
  return { cpu: calls / ((cpuMs() - cpu0) / 1e3), wall: calls / (Number(now - start) / 1e9) };
}

/** Read + parse + validate + build the engine + compile the table; CPU ms and wall ms. */
function loadMs(): { cpu: number; wall: number } {
  const t0 = process.hrtime.bigint();
  const c0 = cpuMs();
  const parsed = parsePolicy(readFileSync(POLICY, 'utf8'), { file: POLICY });
  if (!parsed.ok) throw new Error('default.yaml invalid');
  createEngine(parsed.policy, { variables: VARIABLES });
  sink += compile(parsed.policy, { variables: VARIABLES }).file.length;
  return { cpu: cpuMs() - c0, wall: Number(process.hrtime.bigint() - t0) / 1e6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const coldMs = loadMs();
const loads = Array.from({ length: 30 }, loadMs);
const parsed = parsePolicy(readFileSync(POLICY, 'utf8'));
if (!parsed.ok) throw new Error('default.yaml invalid');
const engine = createEngine(parsed.policy, { variables: VARIABLES });
const nf = FILES.length;
const nc = COMMANDS.length;

// Baseline: the same loop and input rotation with a trivial "decision" (a length check and a compare).
const fileBase = rate((i) => {
  const [p, op] = FILES[i % nf] as [string, string];
  return p.length > 8 && op === 'open' ? 1 : 0;
});
const fileOurs = rate((i) => {
  const [p, op] = FILES[i % nf] as [string, string];
  return engine.checkFile(p, op).effectiveDecision === 'deny' ? 1 : 0;
});
const cmdBase = rate((i) => {
  const [c, a] = COMMANDS[i % nc] as [string, string[]];
  return c.length + a.length > 3 ? 1 : 0;
});
const cmdOurs = rate((i) => {
  const [c, a] = COMMANDS[i % nc] as [string, string[]];
  return engine.checkCommand(c, a).effectiveDecision === 'deny' ? 1 : 0;
});

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const loadCpu = median(loads.map((l) => l.cpu));
const rows: [string, string, string, string, string, boolean][] = [
  [
    'file decisions/s (per CPU s)',
    fmt(fileOurs.cpu),
    fmt(fileBase.cpu),
    (fileOurs.cpu / fileBase.cpu).toFixed(4),
    '>= 1,000,000',
    fileOurs.cpu >= 1e6,
  ],
  [
    'file decisions/s (per wall s)',
    fmt(fileOurs.wall),
    fmt(fileBase.wall),
    (fileOurs.wall / fileBase.wall).toFixed(4),
    '-',
    true,
  ],
  [
    'command decisions/s (per CPU s)',
    fmt(cmdOurs.cpu),
    fmt(cmdBase.cpu),
    (cmdOurs.cpu / cmdBase.cpu).toFixed(4),
    '>= 500,000',
    cmdOurs.cpu >= 5e5,
  ],
  [
    'command decisions/s (per wall s)',
    fmt(cmdOurs.wall),
    fmt(cmdBase.wall),
    (cmdOurs.wall / cmdBase.wall).toFixed(4),
    '-',
    true,
  ],
  ['load+validate+engine+compile, CPU ms (median of 30)', loadCpu.toFixed(2), '-', '-', '< 20', loadCpu < 20],
  ['same, wall ms (median of 30)', median(loads.map((l) => l.wall)).toFixed(2), '-', '-', '-', true],
  ['same, first (cold) load, CPU ms', coldMs.cpu.toFixed(2), '-', '-', '-', true],
];
const [load1, load5] = loadavg();
process.stdout.write(
  `policy bench on ${POLICY} (${MS} ms per measurement, load average ${load1?.toFixed(1)}/${load5?.toFixed(1)} on ${cpus().length} cores, sink ${sink % 10})\n\n`,
);
process.stdout.write(
  '| measure | ours | baseline loop | ours/baseline | target | met |\n|---|---|---|---|---|---|\n',
);
for (const r of rows) process.stdout.write(`| ${r.slice(0, 5).join(' | ')} | ${r[5] ? 'yes' : 'NO'} |\n`);
