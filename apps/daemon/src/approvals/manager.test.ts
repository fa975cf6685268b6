import { describe, expect, it } from 'vitest';
import { ApprovalManager, MAX_PENDING_PER_SESSION } from './manager';

const input = (sessionId = 's1', timeoutMs = 10_000) => ({
  sessionId,
  kind: 'file' as const,
  target: '/root/.ssh/id_rsa',
  rule: 'approve-ssh-access',
  message: 'needs approval',
  timeoutMs,
});

describe('ApprovalManager', () => {
  it('resolves an approval when an approver answers', async () => {
    const m = new ApprovalManager();
    const { id, outcome } = m.request(input());
    expect(id).toMatch(/^approval-/);
    expect(m.list()).toHaveLength(1);
    m.resolve(id, 'approve', 'looks fine');
    expect(await outcome).toEqual({ approved: true, reason: 'looks fine' });
    expect(m.list()).toHaveLength(0);
  });

  it('denies on timeout', async () => {
    const m = new ApprovalManager();
    const { outcome } = m.request(input('s1', 20));
    expect(await outcome).toEqual({ approved: false, reason: 'approval timeout' });
  });

  it('denies explicitly, and unknown ids are 404', async () => {
    const m = new ApprovalManager();
    const { id, outcome } = m.request(input());
    m.resolve(id, 'deny');
    expect((await outcome).approved).toBe(false);
    expect(() => m.resolve(id, 'approve')).toThrowError(
      expect.objectContaining({ code: 'DAEMON_NOT_FOUND' }),
    );
  });

  it('limits pending approvals per session and cancels a session', async () => {
    const m = new ApprovalManager();
    const outcomes = Array.from({ length: MAX_PENDING_PER_SESSION }, () => m.request(input()).outcome);
    expect(await m.request(input()).outcome).toEqual({ approved: false, reason: 'rate limit exceeded' });
    m.cancelSession('s1', 'session destroyed');
    for (const o of await Promise.all(outcomes))
      expect(o).toEqual({ approved: false, reason: 'session destroyed' });
  });

  it('tells its observer how each approval ended and how long it waited', async () => {
    const ends: string[] = [];
    const m = new ApprovalManager((view, end, waitedMs) => {
      expect(waitedMs).toBeGreaterThanOrEqual(0);
      ends.push(`${view.kind}:${end}`);
    });
    const a = m.request(input());
    m.resolve(a.id, 'allow');
    const b = m.request(input());
    m.resolve(b.id, 'deny');
    await m.request(input('s1', 10)).outcome;
    m.request(input('s2'));
    m.cancelSession('s2', 'session destroyed');
    expect(ends).toEqual(['file:approved', 'file:denied', 'file:timeout', 'file:cancelled']);
  });
});
