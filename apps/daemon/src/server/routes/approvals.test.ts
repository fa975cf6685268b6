import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { testContext } from '../test-context';

const keys = new Map([
  ['agent-key', 'agent' as const],
  ['approver-key', 'approver' as const],
]);

describe('approval routes', () => {
  it('refuses approvals with auth off, like agentsh (no self-approval)', async () => {
    const res = await createApp(testContext()).request('/api/v1/approvals');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toContain('approvals endpoints require auth');
  });

  it('lets an approver list and resolve, and refuses an agent key', async () => {
    const ctx = testContext({ auth: { type: 'api_key', headerName: 'X-API-Key', keys } });
    const app = createApp(ctx);
    const { id, outcome } = ctx.approvals.request({
      sessionId: 's1',
      kind: 'network',
      target: 'example.com:443',
      rule: 'approve-unknown-https',
      message: 'unknown host',
      timeoutMs: 10_000,
    });
    const asAgent = await app.request('/api/v1/approvals', { headers: { 'X-API-Key': 'agent-key' } });
    expect(asAgent.status).toBe(403);
    const list = await app.request('/api/v1/approvals', { headers: { 'X-API-Key': 'approver-key' } });
    expect(((await list.json()) as { id: string }[]).map((a) => a.id)).toEqual([id]);
    const resolved = await app.request(`/api/v1/approvals/${id}`, {
      method: 'POST',
      headers: { 'X-API-Key': 'approver-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', reason: 'ok' }),
    });
    expect(await resolved.json()).toEqual({ ok: true });
    expect((await outcome).approved).toBe(true);
    expect(ctx.events.at(-1)?.type).toBe('approval_resolved');
  });
});
