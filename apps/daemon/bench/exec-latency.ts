// `agentsh exec SID -- /bin/true` through the CLI vs running /bin/true directly, interleaved in one run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, percentile, startServer } from './harness';

const RUNS = Number(process.env.AGENTSH_BENCH_RUNS ?? 200);
const NATIVE = join(import.meta.dirname, '..', '..', '..', 'native', 'client', 'build', 'Release', 'agentsh');

function timeMs(argv: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    stdio: 'ignore',
    env: { ...process.env, AGENTSH_CLI_JS: BIN },
  });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const server = await startServer();
try {
  const created = spawnSync(
    process.execPath,
    [BIN, '--server', server.url, 'session', 'create', '--workspace', server.work, '--json'],
    { encoding: 'utf8' },
  );
  const sid = (JSON.parse(created.stdout) as { id: string }).id;
  const direct: number[] = [];
  const viaCli: number[] = [];
  const nodeOnly: number[] = [];
  const native: number[] = [];
  const hasNative = existsSync(NATIVE);
  for (let i = 0; i < RUNS; i++) {
    direct.push(timeMs(['/bin/true']));
    nodeOnly.push(timeMs([process.execPath, '-e', '0']));
    viaCli.push(timeMs([process.execPath, BIN, '--server', server.url, 'exec', sid, '--', '/bin/true']));
    if (hasNative) native.push(timeMs([NATIVE, '--server', server.url, 'exec', sid, '--', '/bin/true']));
  }
  for (const list of [direct, viaCli, nodeOnly, native]) list.sort((a, b) => a - b);
  const row = (name: string, l: number[]) =>
    `| ${name} | ${percentile(l, 50).toFixed(1)} | ${percentile(l, 95).toFixed(1)} |`;
  process.stdout.write(
    `\nagentsh exec latency, ${RUNS} runs each (ms)\n| what | median | p95 |\n|---|---|---|\n`,
  );
  const rows = [
    row('/bin/true directly', direct),
    row('node -e 0 (Node start-up floor)', nodeOnly),
    row('agentsh exec SID -- /bin/true (Node CLI)', viaCli),
    ...(hasNative ? [row('agentsh exec SID -- /bin/true (native launcher)', native)] : []),
  ];
  process.stdout.write(`${rows.join('\n')}\n`);
  const added = percentile(hasNative ? native : viaCli, 50) - percentile(direct, 50);
  process.stdout.write(`added per exec (median): ${added.toFixed(1)} ms (target <= 15 ms; agentsh ~30 ms)\n`);
} finally {
  await server.stop();
}
