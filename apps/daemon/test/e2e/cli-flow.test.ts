import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, 'cli-flow.mjs');
const BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const RUNSC = '/usr/bin/runsc';

function runscSkipReason(): string | null {
  if (!existsSync(RUNSC)) return `runsc is not installed at ${RUNSC}`;
  if (process.getuid?.() !== 0) return 'runsc do needs root';
  try {
    execFileSync(RUNSC, ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'runsc --version failed';
  }
}

interface CaseLine {
  name: string;
  ok: boolean;
  output?: string;
}

function run(argv: string[]): Promise<{ code: number | null; lines: CaseLine[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(argv[0] as string, argv.slice(1), { timeout: 180_000 }, (error, stdout, stderr) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as CaseLine);
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, lines, stderr });
    });
  });
}

function expectAllPass(result: Awaited<ReturnType<typeof run>>): void {
  const failures = result.lines.filter((l) => !l.ok);
  expect(failures, result.stderr).toEqual([]);
  expect(result.lines.length).toBeGreaterThanOrEqual(17);
  expect(result.code).toBe(0);
}

describe.runIf(process.platform === 'linux' && existsSync(BUNDLE))('agentsh CLI end to end', () => {
  it('passes agentsh-modal command and file cases natively', async () => {
    expectAllPass(await run([process.execPath, SCRIPT]));
  }, 120_000);

  const skip = runscSkipReason();
  it.skipIf(skip !== null)(
    `passes them under runsc --network=none${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      expectAllPass(await run([RUNSC, '--network=none', 'do', process.execPath, SCRIPT]));
    },
    180_000,
  );
});
