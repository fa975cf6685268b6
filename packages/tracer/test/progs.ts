import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(tmpdir(), 'agentsh-tracer-test-progs');

/**
 * Compiles test/progs/<name>.c once (rebuilt when the source is newer); returns the binary path. `out` names
 * a variant built with other flags (e.g. a static build).
 */
export function prog(name: string, flags: string[] = [], out = name): string {
  const src = join(here, 'progs', `${name}.c`);
  const bin = join(outDir, out);
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(bin) || statSync(bin).mtimeMs < statSync(src).mtimeMs) {
    execFileSync('cc', ['-O1', '-Wall', '-o', bin, src, '-lpthread', ...flags], { stdio: 'inherit' });
  }
  return bin;
}
