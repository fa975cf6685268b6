import { serve } from '@hono/node-server';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { testContext } from '../../server/test-context';
import { registerEventsCommand } from './events';
import { createSseParser } from './events-tail';

describe('SSE parser', () => {
  it('joins chunks and splits events', () => {
    const seen: [string, string][] = [];
    const parse = createSseParser((data, event) => seen.push([event, data]));
    parse('event: ready\ndata: {}\n\ndata: {"a"');
    parse(':1}\n\n');
    expect(seen).toEqual([
      ['ready', '{}'],
      ['message', '{"a":1}'],
    ]);
  });
});

describe('agentsh events tail', () => {
  it('prints live events of a session until the session ends', async () => {
    const ctx = testContext();
    const app = createApp(ctx);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    const address = server.address() as { port: number };
    const url = `http://127.0.0.1:${address.port}`;
    const sid = ctx.sessions.create({ workspace: '/tmp', policy: 'default' }).view.id;
    let out = '';
    const io = { out: (t: string) => (out += t), err: () => {}, stdout: process.stdout };
    const program = new Command('agentsh').option('--server <url>').exitOverride();
    registerEventsCommand(program, io);
    const tail = program.parseAsync(['node', 'agentsh', '--server', url, 'events', 'tail', sid, '--json']);
    await new Promise((r) => setTimeout(r, 200));
    ctx.emit({ type: 'command_started', session_id: sid, fields: { command: 'ls' } });
    await new Promise((r) => setTimeout(r, 100));
    ctx.sessions.destroy(sid);
    ctx.emit({ type: 'session_destroyed', session_id: sid });
    await tail;
    server.close();
    const types = out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types).toEqual(['command_started', 'session_destroyed']);
  });
});
