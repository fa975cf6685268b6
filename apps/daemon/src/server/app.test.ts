import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import { openApiDocument } from './openapi';
import { testContext } from './test-context';

const json = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

describe('HTTP API', () => {
  it('answers /health and /ready like agentsh', async () => {
    const app = createApp(testContext());
    expect(await (await app.request('/health')).text()).toBe('ok\n');
    expect(await (await app.request('/ready')).text()).toBe('ready\n');
  });

  it('fails /ready with the reason when the tracer probe has not passed', async () => {
    const app = createApp(
      testContext({ readiness: () => ({ ready: false, reason: 'tracer probe failed' }) }),
    );
    const res = await app.request('/ready');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('tracer probe failed');
  });

  it('exports agentsh metric names', async () => {
    const text = await (await createApp(testContext()).request('/metrics')).text();
    const names = [
      'agentsh_up 1',
      'agentsh_events_total',
      'agentsh_sessions_active',
      'agentsh_net_ebpf_dropped_events_total',
      'agentsh_ptrace_tracees_active',
      'agentsh_dns_query_duration_seconds',
      'agentsh_approval_wait_seconds',
      'agentsh_dlp_redactions_total',
    ];
    for (const name of names) expect(text).toContain(name);
  });

  it('creates, lists, patches and deletes sessions with agentsh statuses', async () => {
    const ctx = testContext();
    const app = createApp(ctx);
    const created = await app.request('/api/v1/sessions', json({ workspace: '/root' }));
    expect(created.status).toBe(201);
    const session = (await created.json()) as {
      id: string;
      workspace: string;
      policy: string;
      state: string;
    };
    expect(session).toMatchObject({ workspace: '/root', policy: 'default', state: 'ready' });
    expect(session.id).toMatch(/^session-/);
    expect(((await (await app.request('/api/v1/sessions')).json()) as unknown[]).length).toBe(1);
    const patched = await app.request(`/api/v1/sessions/${session.id}`, {
      ...json({ cwd: '/tmp', env: { A: '1' } }),
      method: 'PATCH',
    });
    expect(((await patched.json()) as { cwd: string }).cwd).toBe('/tmp');
    expect((await app.request(`/api/v1/sessions/${session.id}`, { method: 'DELETE' })).status).toBe(204);
    const missing = await app.request(`/api/v1/sessions/${session.id}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'session not found' });
    expect(ctx.events.map((e) => e.type)).toEqual([
      'session_created',
      'session_updated',
      'session_destroyed',
    ]);
  });

  it('rejects bad bodies, unknown policies and duplicate ids with 400/409', async () => {
    const app = createApp(testContext());
    const bad = await app.request('/api/v1/sessions', json({ workspace: 42 }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('workspace');
    expect((await app.request('/api/v1/sessions', json({ policy: 'nope' }))).status).toBe(400);
    expect((await app.request('/api/v1/sessions', json({ id: 'dup' }))).status).toBe(201);
    expect((await app.request('/api/v1/sessions', json({ id: 'dup' }))).status).toBe(409);
    expect((await app.request('/api/v1/sessions', { method: 'POST', body: '{' })).status).toBe(400);
  });

  it('requires an API key when auth.type is api_key, but not for health', async () => {
    const app = createApp(
      testContext({ auth: { type: 'api_key', headerName: 'X-API-Key', keys: new Map([['k1', 'agent']]) } }),
    );
    expect((await app.request('/health')).status).toBe(200);
    const denied = await app.request('/api/v1/sessions');
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: 'unauthorized' });
    expect((await app.request('/api/v1/sessions', { headers: { 'X-API-Key': 'k1' } })).status).toBe(200);
  });

  it('documents every API route in /openapi.json', async () => {
    const app = createApp(testContext());
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const served = (await (await app.request('/openapi.json')).json()) as typeof doc;
    expect(served.paths).toEqual(doc.paths);
    for (const route of app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')) {
      const path = route.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
  });
});
