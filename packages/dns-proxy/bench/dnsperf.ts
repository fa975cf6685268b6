import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDnsProxy, type Decision } from '../src/index';
import { dnsperf, freePort, type PerfResult, startDnsmasq, stop } from './servers';

// Queries per second of @agentsh/dns-proxy against dnsmasq, both forwarding to the same loopback
// upstream (a second dnsmasq answering every name from --address), both denying evil.test.
// Bounded: 2 rounds x 4 dnsperf runs of SECONDS each.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const DENIED = 'evil.test';

function decide({ name }: { name: string }): Decision {
  return name === DENIED || name.endsWith(`.${DENIED}`)
    ? { action: 'deny', rule: 'deny-evil' }
    : { action: 'allow' };
}

function cachedFile(dir: string): string {
  const lines: string[] = [];
  for (let i = 0; i < 200; i++) {
    const r = i % 10;
    if (r < 7) lines.push(`c${i}.bench.test A`);
    else if (r < 9) lines.push(`c${i}.bench.test AAAA`);
    else lines.push(`x${i}.${DENIED} A`);
  }
  const file = join(dir, 'cached.txt');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function uniqueFile(dir: string, tag: string): string {
  const lines: string[] = [];
  for (let i = 0; i < 400_000; i++) lines.push(`u${i}.${tag}.bench.test A`);
  const file = join(dir, `unique-${tag}.txt`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'dns-bench-'));
  const upstreamPort = await freePort();
  const upstream = await startDnsmasq(upstreamPort, [
    '--address=/bench.test/127.0.0.1',
    '--address=/bench.test/::1',
    '--local-ttl=3600',
    '--cache-size=0',
  ]);
  const dnsmasqPort = await freePort();
  const baseline = await startDnsmasq(dnsmasqPort, [
    `--server=127.0.0.1#${upstreamPort}`,
    `--address=/${DENIED}/`,
    '--cache-size=10000',
    '--dns-forward-max=1024',
  ]);
  const proxy = createDnsProxy({
    session: 'bench',
    decide,
    upstreams: [`127.0.0.1:${upstreamPort}`],
    cache: { maxEntries: 10_000 },
  });
  const [ours] = await proxy.listen();
  const ourPort = ours?.port ?? 0;
  const cached = cachedFile(dir);
  const rows: { round: number; mode: string; dnsmasq: PerfResult; ours: PerfResult }[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      await dnsperf(dnsmasqPort, cached, { seconds: 1 });
      await dnsperf(ourPort, cached, { seconds: 1 });
      const cachedBase = await dnsperf(dnsmasqPort, cached, { seconds: SECONDS });
      const cachedOurs = await dnsperf(ourPort, cached, { seconds: SECONDS });
      rows.push({ round, mode: 'cached', dnsmasq: cachedBase, ours: cachedOurs });
      const unique = uniqueFile(dir, `r${round}`);
      const fwdBase = await dnsperf(dnsmasqPort, unique, { seconds: SECONDS, runs: 1 });
      const fwdOurs = await dnsperf(ourPort, unique, { seconds: SECONDS, runs: 1 });
      rows.push({ round, mode: 'forwarded', dnsmasq: fwdBase, ours: fwdOurs });
    }
  } finally {
    await proxy.close();
    await stop(baseline);
    await stop(upstream);
    await rm(dir, { recursive: true, force: true });
  }
  report(rows);
}

function report(rows: { round: number; mode: string; dnsmasq: PerfResult; ours: PerfResult }[]): void {
  const f = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(
    `dnsperf -c 4 -q 100 -l ${SECONDS}, ${ROUNDS} rounds, loopback, upstream = dnsmasq with fixed answers`,
  );
  console.log('| round | mode | dnsmasq qps | ours qps | ratio | target | ours lost | ours avg latency |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const target = r.mode === 'cached' ? 0.5 : 0.8;
    const ratio = r.ours.qps / r.dnsmasq.qps;
    const verdict = ratio >= target ? 'ok' : 'MISSED';
    console.log(
      `| ${r.round} | ${r.mode} | ${f(r.dnsmasq.qps)} | ${f(r.ours.qps)} | ${ratio.toFixed(2)} | >= ${target} ${verdict} | ${r.ours.lost} | ${r.ours.latencyMs.toFixed(2)} ms |`,
    );
  }
  for (const mode of ['cached', 'forwarded']) {
    const ratios = rows.filter((r) => r.mode === mode).map((r) => r.ours.qps / r.dnsmasq.qps);
    console.log(
      `${mode}: median ratio ${median(ratios).toFixed(2)} over ${ratios.length} rounds (target >= ${mode === 'cached' ? 0.5 : 0.8})`,
    );
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
