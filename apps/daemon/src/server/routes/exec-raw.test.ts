import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testContext } from '../test-context';

const post = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

function decodeFrames(buf: Buffer): [string, string][] {
  const frames: [string, string][] = [];
  for (let at = 0; at < buf.length; ) {
    const len = buf.readUInt32BE(at + 1);
    frames.push([
      String.fromCharCode(buf[at] as number),
      buf.subarray(at + 5, at + 5 + len).toString('utf8'),
    ]);
    at += 5 + len;
  }
  return frames;
}

async function frames(app: ReturnType<typeof createApp>, sid: string, body: unknown) {
  const res = await app.request(`/api/v1/sessions/${sid}/exec/raw`, post(body));
  return { status: res.status, frames: decodeFrames(Buffer.from(await res.arrayBuffer())) };
}

describe('POST /sessions/{id}/exec/raw', () => {
  it('streams stdout and stderr frames and ends with the exit code', async () => {
    const app = createApp(testContext());
    const sid = ((await (await app.request('/api/v1/sessions', post({}))).json()) as { id: string }).id;
    const r = await frames(app, sid, { command: 'sh', args: ['-c', 'echo out; echo err >&2; exit 3'] });
    expect(r.status).toBe(200);
    expect(
      r.frames
        .filter(([t]) => t === 'o')
        .map(([, d]) => d)
        .join(''),
    ).toBe('out\n');
    expect(
      r.frames
        .filter(([t]) => t === 'e')
        .map(([, d]) => d)
        .join(''),
    ).toBe('err\n');
    expect(r.frames.at(-1)).toEqual(['x', '3']);
  });

  it('answers a precheck deny with agentsh lines on stderr and exit 126', async () => {
    const app = createApp(testContext());
    const sid = ((await (await app.request('/api/v1/sessions', post({}))).json()) as { id: string }).id;
    const r = await frames(app, sid, { command: 'sudo', args: ['id'] });
    expect(r.frames[0]?.[1]).toContain('agentsh: command denied by policy (rule=block-container-escape)');
    expect(r.frames.at(-1)).toEqual(['x', '126']);
  });

  it('uses plain error statuses for everything else (the native client falls back to the full CLI)', async () => {
    const ctx = testContext();
    const app = createApp(ctx);
    expect((await app.request('/api/v1/sessions/nope/exec/raw', post({ command: 'true' }))).status).toBe(404);
    const sid = ((await (await app.request('/api/v1/sessions', post({}))).json()) as { id: string }).id;
    ctx.runner.up = false;
    expect((await app.request(`/api/v1/sessions/${sid}/exec/raw`, post({ command: 'true' }))).status).toBe(
      503,
    );
  });
});
