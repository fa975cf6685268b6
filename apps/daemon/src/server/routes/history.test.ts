import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testContext } from '../test-context';

const post = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

async function sessionWithCommand() {
  const ctx = testContext();
  const app = createApp(ctx);
  const sid = ((await (await app.request('/api/v1/sessions', post({}))).json()) as { id: string }).id;
  const exec = await app.request(
    `/api/v1/sessions/${sid}/exec`,
    post({ command: 'sh', args: ['-c', 'printf 0123456789'] }),
  );
  const cmdId = ((await exec.json()) as { command_id: string }).command_id;
  await ctx.flush();
  return { app, sid, cmdId };
}

describe('history, search and output routes', () => {
  it('returns the session history from the audit store', async () => {
    const { app, sid } = await sessionWithCommand();
    const history = (await (await app.request(`/api/v1/sessions/${sid}/history`)).json()) as {
      type: string;
    }[];
    expect(history.map((e) => e.type)).toEqual([
      'session_created',
      'command_policy',
      'command_started',
      'command_finished',
    ]);
  });

  it('searches with agentsh filters and rejects bad ones', async () => {
    const { app, cmdId } = await sessionWithCommand();
    const res = await app.request(
      `/api/v1/events/search?type=command_started,command_finished&command_id=${cmdId}&order=desc`,
    );
    expect(((await res.json()) as { type: string }[]).map((e) => e.type)).toEqual([
      'command_finished',
      'command_started',
    ]);
    expect((await app.request('/api/v1/events/search?order=sideways')).status).toBe(400);
    expect((await app.request('/api/v1/events/search?limit=-3')).status).toBe(400);
  });

  it('pages through stored output', async () => {
    const { app, sid, cmdId } = await sessionWithCommand();
    const res = await app.request(`/api/v1/sessions/${sid}/output/${cmdId}?stream=stdout&offset=2&limit=4`);
    expect(await res.json()).toMatchObject({
      command_id: cmdId,
      data: '2345',
      total_bytes: 10,
      has_more: true,
    });
    expect((await app.request(`/api/v1/sessions/${sid}/output/cmd-missing`)).status).toBe(404);
  });
});
