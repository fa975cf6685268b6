import { describe, expect, it } from 'vitest';
import { allowAllCommands, commandRule, table } from '../test/tables';
import { isTracerError } from './errors';
import { spawnTraced } from './spawn';

describe.runIf(process.platform === 'linux')('setTable', () => {
  it('swaps the policy of a running session', async () => {
    const p = await spawnTraced({
      argv: ['/bin/sh', '-c', 'cat /dev/null; echo a=$?; read x; cat /dev/null; echo b=$?'],
      table: table(),
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    p.stdout?.setEncoding('utf8');
    p.stdout?.on('data', (c: string) => {
      out += c;
    });
    while (!out.includes('a=')) await new Promise((r) => setTimeout(r, 20));
    await p.setTable(
      table({ command: [commandRule('no-cat', 'deny', { names: ['cat'] }), allowAllCommands] }),
    );
    p.stdin?.end('go\n');
    const exit = await p.exited;
    expect(out).toBe('a=0\nb=126\n');
    expect(exit.denies).toBeGreaterThan(0);
  });

  it('refuses a table that needs stop classes the running prefilter lacks', async () => {
    const quiet = table({ stop: { ...table().stop, exec: false } });
    const p = await spawnTraced({
      argv: ['/bin/sh', '-c', 'read x'],
      table: quiet,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const err = await p.setTable(table()).catch((e: unknown) => e);
    expect(isTracerError(err) && err.code).toBe('TRACER_INVALID');
    p.stdin?.end('\n');
    expect((await p.exited).code).toBe(0);
  });
});
