import { spawn } from 'node:child_process';
import type { CommandRunner, RunRequest, RunResult } from './types';

/**
 * TEST ONLY: runs commands as plain child processes, with no enforcement. The daemon never uses it;
 * it exists so the exec pipeline (precheck, redaction, responses) can be tested without the tracer.
 */
export function createUntracedTestRunner(): CommandRunner & { up: boolean } {
  const running = new Map<string, ReturnType<typeof spawn>>();
  const runner = {
    up: true,
    available: () => (runner.up ? { ok: true } : { ok: false, reason: 'tracer is down' }),
    kill: (commandId: string, signal: NodeJS.Signals) => running.get(commandId)?.kill(signal) ?? false,
    killAll: () => {
      for (const child of running.values()) child.kill('SIGKILL');
      return running.size;
    },
    run: (req: RunRequest) =>
      new Promise<RunResult>((resolve, reject) => {
        const child = spawn(req.command, req.args, { cwd: req.cwd, env: req.env, stdio: 'pipe' });
        running.set(req.commandId, child);
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, req.timeoutMs);
        child.stdout.on('data', req.onStdout);
        child.stderr.on('data', req.onStderr);
        child.stdin.on('error', () => {}); // a command that never reads stdin closes it early
        child.stdin.end(req.stdin ?? '');
        child.on('error', reject);
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          running.delete(req.commandId);
          resolve({
            exitCode: code ?? -1,
            ...(signal ? { signal } : {}),
            timedOut,
            cpuUserMs: 0,
            cpuSystemMs: 0,
            memoryPeakKb: 0,
          });
        });
      }),
  };
  return runner;
}
