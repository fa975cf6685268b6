// Issue 5's network benchmark: 10 sequential curl requests to a local HTTP server by name (each curl
// resolves the name through the system resolver), natively and under the tracer with policies/default.yaml
// and the embedded DNS proxy of `agentsh trace` (port-53 queries steered to it, answers taught to the
// tracer before curl sees them, connects judged by name). Alternating rounds in the same run; the traced
// time includes starting the proxy and the tracer helper.
// Natively it runs inside its own network and mount namespaces (re-executes itself under
// `unshare --net --mount`); under gVisor inside `runsc --network=none do` with AGENTSH_BENCH_WHERE=gvisor.
// Environment: bench/curl-dns-env.ts. Usage: tsx bench/curl-dns.ts [--rounds N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, createEngine, loadPolicy, type Policy } from '@agentsh/policy';
import { spawnTraced } from '@agentsh/tracer';
import { startTraceDns } from '../src/cli/commands/trace-dns';
import { inGvisor, setUp } from './curl-dns-env';
import { percentile } from './harness';

const POLICY = join(import.meta.dirname, '..', '..', '..', 'policies', 'default.yaml');
/** AGENTSH_BENCH_IDLE_POLLING=1: traced rounds hold idle polling (spawnTraced's idlePolling). */
const idlePolling = process.env.AGENTSH_BENCH_IDLE_POLLING === '1';
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 15;
const LOOP =
  'for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null -w "%{http_code}\\n" http://github.com:443/ || exit 1; done';

function inNamespace(): void {
  if (process.env.AGENTSH_BENCH_NS === '1' || inGvisor) return;
  const r = spawnSync(
    'unshare',
    ['--net', '--mount', '--', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, AGENTSH_BENCH_NS: '1' },
    },
  );
  process.exit(r.status ?? 1);
}

function native(cwd: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const c = spawn('/bin/sh', ['-c', LOOP], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('exit', (code) =>
      code === 0 && out.split('200').length === 11
        ? resolve(performance.now() - t0)
        : reject(new Error(`native: ${code} ${out}`)),
    );
  });
}

/**
 * One traced round. Like `agentsh trace`, each round compiles its table (a new object, so spawnTraced
 * validates and encodes it in the timed part). readOnlyOpen false: the same table without stops on
 * read-only opens (what a policy without read rules costs).
 */
async function traced(policy: Policy, cwd: string, readOnlyOpen = true): Promise<number> {
  const options = { variables: { vars: { PROJECT_ROOT: cwd }, env: process.env }, approvalsEnforced: false };
  const compiled = compile(policy, options);
  const table = readOnlyOpen ? compiled : { ...compiled, stop: { ...compiled.stop, readOnlyOpen: false } };
  const engine = createEngine(policy, options);
  const t0 = performance.now();
  let proc: Awaited<ReturnType<typeof spawnTraced>> | undefined;
  const dns = await startTraceDns({
    engine,
    upstreams: ['127.0.0.1:53'],
    onEvent: () => {},
    learn: async (m) => void (await proc?.addNames(m)),
  });
  proc = await spawnTraced({
    argv: ['/bin/sh', '-c', LOOP],
    table,
    cwd,
    env: process.env,
    dns: dns.dns,
    stdio: ['ignore', 'pipe', 'inherit'],
    idlePolling,
  });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  let denied = 0;
  const drain = (async () => {
    for await (const e of proc.events) if (e.type === 'network' && e.effective === 'deny') denied++;
  })();
  const [exit] = await Promise.all([proc.exited, drain]);
  const ms = performance.now() - t0;
  await dns.close();
  if (exit.code !== 0 || out.split('200').length !== 11 || denied > 0)
    throw new Error(`traced: ${exit.code} ${out} denied=${denied}`);
  return ms;
}

async function main(): Promise<void> {
  inNamespace();
  const dir = mkdtempSync(join(tmpdir(), 'agentsh-curl-bench-'));
  const stop = await setUp(dir);
  const n: number[] = [];
  const t: number[] = [];
  const r: number[] = [];
  await native(dir);
  const policy = loadPolicy(POLICY);
  await traced(policy, dir); // warm-up, untimed
  for (let i = 0; i < rounds; i++) {
    n.push(await native(dir));
    t.push(await traced(policy, dir));
    r.push(await traced(policy, dir, false));
  }
  stop();
  n.sort((a, b) => a - b);
  t.sort((a, b) => a - b);
  r.sort((a, b) => a - b);
  const med = (xs: number[]) => percentile(xs, 50);
  const over = (med(t) / med(n) - 1) * 100;
  process.stdout.write(
    `\n10 sequential curl requests by name (${inGvisor ? 'gVisor' : 'native Linux'}${idlePolling ? ', traced with idle polling' : ''}), ${rounds} alternating rounds, load ${loadavg()[0]?.toFixed(2)}\n` +
      `| what | median ms | p90 ms |\n|---|---|---|\n` +
      `| native | ${med(n).toFixed(1)} | ${percentile(n, 90).toFixed(1)} |\n` +
      `| traced (default.yaml, embedded DNS proxy) | ${med(t).toFixed(1)} | ${percentile(t, 90).toFixed(1)} |\n` +
      `| traced, same table without read-only open stops | ${med(r).toFixed(1)} | ${percentile(r, 90).toFixed(1)} |\n` +
      `overhead (medians): ${over >= 0 ? '+' : ''}${over.toFixed(0)}% (target <= +30%; agentsh +1852%); without read stops ${((med(r) / med(n) - 1) * 100).toFixed(0)}%\n`,
  );
}

await main();
