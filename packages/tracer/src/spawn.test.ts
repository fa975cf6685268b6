import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trace, traceSh } from '../test/run';
import { table } from '../test/tables';
import { isTracerError } from './errors';
import { spawnTraced } from './spawn';

const linux = process.platform === 'linux';

/** True while pid runs (a zombie or a vanished pid is not alive). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe.runIf(linux)('spawnTraced: lifecycle', () => {
  it('passes stdio through and reports the exit code with rusage', async () => {
    const r = await traceSh('echo out; echo err >&2; exit 7', table());
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
    expect(r.exit.code).toBe(7);
    expect(r.exit.signal).toBeNull();
    expect(r.exit.rusage.maxRssKb).toBeGreaterThan(0);
  });

  it('reports the root exec as an event with argv', async () => {
    const r = await trace(['/bin/sh', '-c', 'exit 0'], table());
    const exec = r.events.find((e) => e.type === 'exec');
    expect(exec).toMatchObject({ path: '/usr/bin/dash', argv: ['/bin/sh', '-c', 'exit 0'], depth: 0 });
  });

  it('looks argv[0] up in PATH', async () => {
    const r = await trace(['sh', '-c', 'exit 3'], table());
    expect(r.exit.code).toBe(3);
  });

  it('kill() ends the command and its descendants with SIGKILL', async () => {
    const p = await spawnTraced({
      argv: ['/bin/sh', '-c', 'sleep 30 & sleep 30'],
      table: table(),
      stdio: 'ignore',
    });
    setTimeout(() => p.kill(), 200);
    const exit = await p.exited;
    expect(exit.signal).toBe('SIGKILL');
  });

  it('refuses a command that does not exist', async () => {
    const err = await spawnTraced({ argv: ['no-such-command-xyz'], table: table() }).catch((e: unknown) => e);
    expect(isTracerError(err) && err.code).toBe('TRACER_SPAWN');
  });

  it('rejects invalid options with TRACER_INVALID naming the key', async () => {
    const err = await spawnTraced({ argv: [], table: table() }).catch((e: unknown) => e);
    expect(isTracerError(err) && err.code).toBe('TRACER_INVALID');
    expect(String(err)).toContain("'argv'");
    const bad = { ...table(), stop: { exec: 'yes' } } as unknown as ReturnType<typeof table>;
    const err2 = await spawnTraced({ argv: ['true'], table: bad }).catch((e: unknown) => e);
    expect(isTracerError(err2) && err2.code).toBe('TRACER_INVALID');
  });

  it('fails closed when the prefilter cannot be installed', async () => {
    const env = { ...process.env, AGENTSH_TRACER_FAULT: 'filter' } as Record<string, string>;
    const err = await spawnTraced({ argv: ['/bin/true'], table: table(), env }).catch((e: unknown) => e);
    expect(isTracerError(err) && err.code).toBe('TRACER_SPAWN');
    expect(String(err)).toContain('prefilter');
  });

  it('reports TRACER_DOWN when the helper dies, and the tracees die with it (EXITKILL)', async () => {
    const p = await spawnTraced({ argv: ['/bin/sh', '-c', 'sleep 30'], table: table(), stdio: 'ignore' });
    const status = readFileSync(`/proc/${p.pid}/status`, 'utf8');
    const tracer = Number(/TracerPid:\s+(\d+)/.exec(status)?.[1]);
    expect(tracer).toBeGreaterThan(0);
    process.kill(tracer, 'SIGKILL');
    const err = await p.exited.catch((e: unknown) => e);
    expect(isTracerError(err) && err.code).toBe('TRACER_DOWN');
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(p.pid)).toBe(false);
  });

  it('reports TRACER_DOWN when the helper cannot run at all', async () => {
    const err = await spawnTraced(
      { argv: ['true'], table: table() },
      { binding: { helperPath: '/bin/false' } },
    ).catch((e: unknown) => e);
    expect(isTracerError(err) && err.code).toBe('TRACER_DOWN');
  });
});
