// End to end through the real CLI: start `agentsh server`, create a session, run agentsh-modal's
// command and file cases with `agentsh exec SID -- ...`. Prints one JSON line per case and exits 1 if
// any case fails. Runs natively and inside `runsc --network=none do` (see cli-flow.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases, passes } from './cases.mjs';

const report = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', '..', 'bin', 'agentsh.mjs');
const POLICY = join(here, '..', '..', '..', '..', 'policies', 'default.yaml');

const root = mkdtempSync(join(tmpdir(), 'agentsh-e2e-'));
const work = join(root, 'work');
mkdirSync(join(root, 'policies'), { recursive: true });
mkdirSync(work);
copyFileSync(POLICY, join(root, 'policies', 'default.yaml'));
const log = join(root, 'agentsh.log');
writeFileSync(
  join(root, 'config.yaml'),
  [
    'server:',
    '  http:',
    '    addr: 127.0.0.1:0',
    'logging:',
    `  output: ${log}`,
    'audit:',
    '  storage:',
    `    sqlite_path: ${root}/events.db`,
    'sessions:',
    `  base_dir: ${root}/sessions`,
    'policies:',
    `  dir: ${root}/policies`,
    // never the machine's resolver: an allowed query would go to the discard port on loopback
    'sandbox:',
    '  network:',
    '    dns_upstream: 127.0.0.1:9',
    '',
  ].join('\n'),
);

const server = spawn(process.execPath, [BIN, 'server', '--config', join(root, 'config.yaml')], {
  stdio: 'ignore',
});
const url = await waitForUrl();
const cli = (args) =>
  spawnSync(process.execPath, [BIN, '--server', url, ...args], { encoding: 'utf8', timeout: 30_000 });

let failed = 0;
try {
  const created = cli(['session', 'create', '--workspace', work]);
  const sid = /Session (session-[a-f0-9-]{36}) started/.exec(created.stdout)?.[1];
  if (!sid) throw new Error(`session create failed: ${created.stdout}${created.stderr}`);
  for (const [name, argv, expect] of cases(work)) {
    const r = cli(['exec', sid, '--', ...argv]);
    // a command that hangs until the 30 s timeout is a failure here, whatever tests.py would say
    const ok = r.status !== null && passes(expect, r.status, `${r.stdout}${r.stderr}`);
    if (!ok) failed++;
    report({
      name,
      expect,
      code: r.status,
      ok,
      ...(ok ? {} : { output: `${r.stdout}${r.stderr}`.slice(0, 400) }),
    });
  }
  const ptraceLogged = readFileSync(log, 'utf8').toLowerCase().includes('ptrace');
  if (!ptraceLogged) failed++;
  report({ name: 'ptrace tracer active in server logs', ok: ptraceLogged });
  // the bundle finds the C candidate scan of @agentsh/dlp-native (else the TypeScript scan runs, slower)
  const dlpNative = /msg="dlp ready".*engine=native/.test(readFileSync(log, 'utf8'));
  if (!dlpNative) failed++;
  report({ name: 'dlp native scan loaded by the bundled daemon', ok: dlpNative });
} finally {
  server.kill('SIGTERM');
}
process.exit(failed === 0 ? 0 : 1);

async function waitForUrl() {
  for (let i = 0; i < 200; i++) {
    if (existsSync(log)) {
      const m = /agentsh server listening" addr=(\S+)/.exec(readFileSync(log, 'utf8'));
      if (m) return m[1];
    }
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start within 20 s');
}
