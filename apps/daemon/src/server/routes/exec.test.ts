import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testContext } from '../test-context';

const post = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

async function newSession(app: ReturnType<typeof createApp>): Promise<string> {
  const res = await app.request('/api/v1/sessions', post({ workspace: '/tmp' }));
  return ((await res.json()) as { id: string }).id;
}

describe('exec routes', () => {
  it('runs a command and returns agentsh ExecResponse fields', async () => {
    const app = createApp(testContext());
    const sid = await newSession(app);
    const res = await app.request(`/api/v1/sessions/${sid}/exec`, post({ command: 'echo', args: ['hello'] }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { session_id: string; result: { exit_code: number; stdout: string } };
    expect(body.session_id).toBe(sid);
    expect(body.result).toMatchObject({ exit_code: 0, stdout: 'hello\n' });
  });

  it('answers a policy deny with 403 and exit_code 126', async () => {
    const app = createApp(testContext());
    const sid = await newSession(app);
    const res = await app.request(
      `/api/v1/sessions/${sid}/exec`,
      post({ command: 'sudo', args: ['whoami'] }),
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { result: { exit_code: number } }).result.exit_code).toBe(126);
  });

  it('answers 503 when the tracer is down, 404 for unknown sessions and 400 without a command', async () => {
    const ctx = testContext();
    const app = createApp(ctx);
    const sid = await newSession(app);
    expect((await app.request(`/api/v1/sessions/${sid}/exec`, post({}))).status).toBe(400);
    expect((await app.request('/api/v1/sessions/nope/exec', post({ command: 'true' }))).status).toBe(404);
    ctx.runner.up = false;
    const down = await app.request(`/api/v1/sessions/${sid}/exec`, post({ command: 'true' }));
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: string }).error).toContain('without enforcement');
  });

  it('streams output as SSE stdout events and a final done event', async () => {
    const app = createApp(testContext());
    const sid = await newSession(app);
    const res = await app.request(
      `/api/v1/sessions/${sid}/exec/stream`,
      post({ command: 'sh', args: ['-c', 'echo one; exit 4'] }),
    );
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text).toMatch(
      /event: stdout\ndata: \{"command_id":"cmd-[^"]+","stream":"stdout","data":"one\\n"\}/,
    );
    expect(text).toMatch(/event: done\ndata: \{"command_id":"cmd-[^"]+","exit_code":4,/);
  });

  it('kills a running command', async () => {
    const ctx = testContext();
    const app = createApp(ctx);
    const sid = await newSession(app);
    const running = app.request(`/api/v1/sessions/${sid}/exec`, post({ command: 'sleep', args: ['5'] }));
    await new Promise((r) => setTimeout(r, 200));
    const started = ctx.events.find((e) => e.type === 'command_started');
    const kill = await app.request(`/api/v1/sessions/${sid}/kill/${started?.command_id}`, { method: 'POST' });
    expect(await kill.json()).toEqual({ ok: true });
    const body = (await (await running).json()) as { result: { exit_code: number } };
    expect(body.result.exit_code).not.toBe(0);
    expect((await app.request(`/api/v1/sessions/${sid}/kill/cmd-nope`, { method: 'POST' })).status).toBe(404);
  });
});
