import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testContext } from '../test-context';

const post = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

describe('GET /sessions/{id}/events', () => {
  it('sends ready, then the session events as they happen', async () => {
    const app = createApp(testContext());
    const sid = ((await (await app.request('/api/v1/sessions', post({}))).json()) as { id: string }).id;
    const res = await app.request(`/api/v1/sessions/${sid}/events`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil('event: ready');
    await app.request(`/api/v1/sessions/${sid}/exec`, post({ command: 'true' }));
    await readUntil('command_finished');
    expect(text).toMatch(/^event: ready\ndata: \{\}\n\n/);
    expect(text).toContain('"type":"command_started"');
    await reader.cancel();
  });
});
