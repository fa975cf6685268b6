import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testContext } from '../test-context';

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
});
const admin = { 'X-API-Key': 'admin-key' };

describe('policy routes', () => {
  it('keeps the admin group closed with auth off (agentsh answers 403) and open to admin keys', async () => {
    expect((await createApp(testContext()).request('/api/v1/policies')).status).toBe(403);
    const app = createApp(
      testContext({
        auth: { type: 'api_key', headerName: 'X-API-Key', keys: new Map([['admin-key', 'admin']]) },
      }),
    );
    const list = await app.request('/api/v1/policies', { headers: admin });
    expect(await list.json()).toEqual([{ name: 'default' }, { name: 'strict' }]);
    expect(await (await app.request('/api/v1/policies/default', { headers: admin })).text()).toContain(
      'name: default',
    );
    expect((await app.request('/api/v1/policies/nope', { headers: admin })).status).toBe(404);
    const bad = await app.request(
      '/api/v1/policies/validate',
      post('version: 1\nname: x\nbogus: 1\n', admin),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('bogus');
  });

  it('tests a decision with the session policy', async () => {
    const app = createApp(testContext());
    const sid = ((await (await app.request('/api/v1/sessions', post({}))).json()) as { id: string }).id;
    const res = await app.request(
      '/api/v1/policy/test',
      post({ session_id: sid, operation: 'exec', path: 'sudo' }),
    );
    expect(await res.json()).toMatchObject({
      decision: 'deny',
      policy_decision: 'deny',
      rule: 'block-container-escape',
    });
    const file = await app.request(
      '/api/v1/policy/test',
      post({ session_id: sid, operation: 'write', path: '/etc/x' }),
    );
    expect(await file.json()).toMatchObject({ decision: 'deny', rule: 'default-deny-files' });
  });
});
