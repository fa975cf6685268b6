import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prog } from '../test/progs';
import { runNodeUnderRunsc, runscSkipReason } from '../test/runsc';

const casesScript = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'runsc', 'cases.ts');
const skip = runscSkipReason();

function env(): Record<string, string> {
  return {
    AT_DIR_SWAP_BIN: prog('dir_swap'),
    AT_ESCAPES_BIN: prog('escapes'),
    AT_FORKS_BIN: prog('forks'),
    AT_SMALL_STACK_BIN: prog('small_stack'),
    AT_THREAD_EXEC_BIN: prog('thread_exec'),
  };
}

function parse(stdout: string): Record<string, { ok: boolean; detail: unknown }> {
  const line = stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as Record<string, { ok: boolean; detail: unknown }>;
}

function failures(results: Record<string, { ok: boolean; detail: unknown }>): string[] {
  return Object.entries(results)
    .filter(([, r]) => !r.ok)
    .map(([name, r]) => `${name}: ${JSON.stringify(r.detail)}`);
}

describe.runIf(process.platform === 'linux')('core cases, natively (same script as under runsc)', () => {
  it('all pass', async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', casesScript],
        { env: { ...process.env, ...env() }, timeout: 120_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    const results = parse(stdout);
    expect(Object.keys(results).length).toBeGreaterThanOrEqual(23);
    expect(failures(results)).toEqual([]);
  }, 150_000);
});

describe.skipIf(skip !== null)(
  `core cases under gVisor (runsc --network=none do)${skip ? ` [skipped: ${skip}]` : ''}`,
  () => {
    it('all pass', async () => {
      Object.assign(process.env, env());
      const r = await runNodeUnderRunsc(casesScript);
      expect(r.code, r.stderr.slice(-2000)).toBe(0);
      const results = parse(r.stdout);
      expect(Object.keys(results).length).toBeGreaterThanOrEqual(23);
      expect(failures(results)).toEqual([]);
    }, 150_000);
  },
);
