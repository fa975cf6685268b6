import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const RUNSC = '/usr/bin/runsc';

/** Why runsc tests cannot run here, or null when they can. */
export function runscSkipReason(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (!existsSync(RUNSC)) return `runsc is not installed at ${RUNSC}`;
  if (process.getuid?.() !== 0) return 'runsc do needs root';
  try {
    execFileSync(RUNSC, ['--version'], { stdio: 'ignore' });
  } catch {
    return 'runsc --version failed';
  }
  return null;
}

export interface RunscResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript file with node (via tsx) inside `runsc --network=none do`. */
export function runNodeUnderRunsc(
  script: string,
  args: string[] = [],
  timeoutMs = 120_000,
): Promise<RunscResult> {
  const argv = ['--network=none', 'do', process.execPath, '--import', 'tsx', script, ...args];
  return new Promise((resolve) => {
    execFile(RUNSC, argv, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
