import { execFile, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { RUNSC, runscSkipReason } from '../test/runsc';

// Blocked-connect tests run only in a network namespace of their own (testing.md: NETWORK SAFETY).
const casesScript = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'net', 'cases.ts');
const MIN_CASES = 25;

function unshareSkipReason(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  try {
    execFileSync('unshare', ['--net', 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore' });
  } catch {
    return 'unshare --net is not permitted here';
  }
  return null;
}

function runIn(wrapper: string[], timeoutMs = 150_000): Promise<string> {
  const [cmd = '', ...pre] = wrapper;
  const argv = [...pre, process.execPath, '--import', 'tsx', casesScript];
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      argv,
      {
        env: {
          ...process.env,
          AT_NETCONN_BIN: prog('netconn'),
          AT_NET_RACE_BIN: prog('net_race'),
          AT_NETCONN_STATIC_BIN: prog('netconn', ['-static'], 'netconn_static'),
        },
        timeout: timeoutMs,
        maxBuffer: 16 << 20,
      },
      (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err.slice(-2000)}`)) : resolve(out),
    );
  });
}

function failures(stdout: string): { count: number; failed: string[] } {
  const line = stdout.trim().split('\n').pop() ?? '{}';
  const results = JSON.parse(line) as Record<string, { ok: boolean; detail: unknown }>;
  const failed = Object.entries(results)
    .filter(([, r]) => !r.ok)
    .map(([name, r]) => `${name}: ${JSON.stringify(r.detail)}`);
  return { count: Object.keys(results).length, failed };
}

const nsSkip = unshareSkipReason();
describe.skipIf(nsSkip !== null)(
  `network enforcement and DNS steering inside unshare --net${nsSkip ? ` [skipped: ${nsSkip}]` : ''}`,
  () => {
    it('C program, python3 and curl: allowed and denied names, private and mapped literals, DNS over every send path', async () => {
      const r = failures(await runIn(['unshare', '--net']));
      expect(r.failed).toEqual([]);
      expect(r.count).toBeGreaterThanOrEqual(MIN_CASES);
    }, 180_000);
  },
);

const runscSkip = runscSkipReason();
describe.skipIf(runscSkip !== null)(
  `network enforcement and DNS steering under runsc --network=none${runscSkip ? ` [skipped: ${runscSkip}]` : ''}`,
  () => {
    it('the same cases pass under gVisor', async () => {
      const r = failures(await runIn([RUNSC, '--network=none', 'do']));
      expect(r.failed).toEqual([]);
      expect(r.count).toBeGreaterThanOrEqual(MIN_CASES);
    }, 180_000);
  },
);
