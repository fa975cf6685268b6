import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', 'bin', 'agentsh.mjs');
const POLICY = join(import.meta.dirname, '..', '..', '..', 'policies', 'default.yaml');

export interface BenchServer {
  url: string;
  root: string;
  work: string;
  db: string;
  stop(): Promise<void>;
}

/** Starts the bundled `agentsh server` on a free loopback port with the shipped default policy. */
export async function startServer(): Promise<BenchServer> {
  const root = mkdtempSync(join(tmpdir(), 'agentsh-bench-'));
  const work = join(root, 'work');
  mkdirSync(join(root, 'policies'), { recursive: true });
  mkdirSync(work);
  copyFileSync(POLICY, join(root, 'policies', 'default.yaml'));
  const log = join(root, 'agentsh.log');
  const db = join(root, 'events.db');
  const config = `server:\n  http:\n    addr: 127.0.0.1:0\nlogging:\n  output: ${log}\naudit:\n  storage:\n    sqlite_path: ${db}\nsessions:\n  base_dir: ${root}/sessions\n  max_sessions: 1000\npolicies:\n  dir: ${root}/policies\nsandbox:\n  network:\n    dns_upstream: 127.0.0.1:9\n`;
  writeFileSync(join(root, 'config.yaml'), config);
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'server', '--config', join(root, 'config.yaml')],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 300; i++) {
    const m = existsSync(log) ? /listening" addr=(\S+)/.exec(readFileSync(log, 'utf8')) : null;
    if (m?.[1]) {
      return {
        url: m[1],
        root,
        work,
        db,
        stop: () =>
          new Promise((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('agentsh server did not start');
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
