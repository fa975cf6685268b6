import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Starts a TypeScript child script under tsx with piped stdout. */
export function spawnChild(script: string, args: string[], env: Record<string, string>): ChildProcess {
  const file = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Calls onLine for each stdout line until the child exits; resolves with its signal or code. */
export function readLines(child: ChildProcess, onLine: (line: string) => void): Promise<string> {
  let buf = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
      onLine(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}: ${err.slice(0, 2000)}`));
  });
}
