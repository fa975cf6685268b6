import { serve } from '@hono/node-server';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { testContext } from '../../server/test-context';
import { registerExecCommand, splitExecArgs } from './exec';
import { registerSessionCommand } from './session';

describe('splitExecArgs', () => {
  it('finds the session id before --', () => {
    expect(splitExecArgs(['SID', '--', 'ls', '-la'], false)).toEqual({ sid: 'SID', argv: ['ls', '-la'] });
    expect(splitExecArgs(['ls', '-la'], true)).toEqual({ argv: ['ls', '-la'] });
    expect(splitExecArgs(['SID', 'ls'], false)).toEqual({ sid: 'SID', argv: ['ls'] });
  });
});

describe('agentsh exec and session against a live server', () => {
  let server: ReturnType<typeof serve>;
  let url = '';
  beforeAll(async () => {
    const app = createApp(testContext());
    await new Promise<void>((ready) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
        url = `http://127.0.0.1:${info.port}`;
        ready();
      });
    });
  });
  afterAll(() => server.close());

  async function cli(args: string[]): Promise<{ out: string; err: string; code: number }> {
    const io = { out: '', err: '' };
    const sink = { out: (t: string) => (io.out += t), err: (t: string) => (io.err += t) };
    const program = new Command('agentsh').option('--server <url>').enablePositionalOptions().exitOverride();
    registerSessionCommand(program, sink);
    registerExecCommand(program, sink);
    process.exitCode = 0;
    await program.parseAsync(['node', 'agentsh', '--server', url, ...args]);
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { ...io, code };
  }

  it('creates a session with agentsh text output and runs commands in it', async () => {
    const created = await cli(['session', 'create', '--workspace', '/tmp']);
    const sid = /Session (session-[a-f0-9-]{36}) started/.exec(created.out)?.[1];
    expect(sid).toBeDefined();
    const ok = await cli(['exec', sid ?? '', '--', 'sh', '-c', 'echo out; echo err >&2; exit 7']);
    expect(ok).toEqual({ out: 'out\n', err: 'err\n', code: 7 });
  });

  it('prints the rule and exits 126 when the precheck denies', async () => {
    const denied = await cli(['exec', 'auto-1', '--', 'sudo', 'whoami']);
    expect(denied.code).toBe(126);
    expect(denied.err).toContain('agentsh: command denied by policy (rule=block-container-escape)');
  });

  it('auto-creates an unknown session id and lists it', async () => {
    expect((await cli(['exec', 'my-session', '--', 'true'])).code).toBe(0);
    const info = JSON.parse((await cli(['session', 'info', 'my-session'])).out) as { id: string };
    expect(info.id).toBe('my-session');
    expect((await cli(['session', 'destroy', 'my-session'])).out).toBe('ok\n');
  });
});
