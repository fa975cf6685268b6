import { describe, expect, it } from 'vitest';
import { SessionManager } from './manager';

function manager(now: { t: number }, maxSessions = 2) {
  return new SessionManager({
    maxSessions,
    defaultTimeoutMs: 60_000,
    defaultIdleTimeoutMs: 10_000,
    resolveRoots: (workspace) => ({ projectRoot: workspace }),
    now: () => now.t,
  });
}

describe('SessionManager', () => {
  it('creates agentsh-style ids and keeps caller-chosen ones', () => {
    const m = manager({ t: 0 });
    expect(m.create({ workspace: '/root', policy: 'default' }).view.id).toMatch(/^session-[0-9a-f-]{36}$/);
    expect(m.create({ id: 'my_sess-1', workspace: '/root', policy: 'default' }).view.id).toBe('my_sess-1');
  });

  it('rejects bad ids, duplicates and sessions past the limit with the right codes', () => {
    const m = manager({ t: 0 });
    expect(() => m.create({ id: '-bad', workspace: '/', policy: 'p' })).toThrow(/invalid session id/);
    m.create({ id: 'a', workspace: '/', policy: 'p' });
    expect(() => m.create({ id: 'a', workspace: '/', policy: 'p' })).toThrowError(
      expect.objectContaining({ code: 'DAEMON_CONFLICT' }),
    );
    m.create({ id: 'b', workspace: '/', policy: 'p' });
    expect(() => m.create({ id: 'c', workspace: '/', policy: 'p' })).toThrowError(
      expect.objectContaining({ code: 'DAEMON_LIMIT' }),
    );
  });

  it('reaps idle and expired sessions, and activity keeps a session alive', () => {
    const now = { t: 0 };
    const m = manager(now, 10);
    m.create({ id: 'idle', workspace: '/', policy: 'p' });
    m.create({ id: 'busy', workspace: '/', policy: 'p' });
    now.t = 9_000;
    m.touch('busy');
    now.t = 12_000;
    expect(m.reap().map((e) => [e.record.view.id, e.reason])).toEqual([['idle', 'idle_timeout']]);
    now.t = 61_000;
    expect(m.reap().map((e) => [e.record.view.id, e.reason])).toEqual([['busy', 'session_timeout']]);
    expect(m.size).toBe(0);
  });

  it('says not found for unknown ids', () => {
    expect(() => manager({ t: 0 }).get('nope')).toThrowError(
      expect.objectContaining({ code: 'DAEMON_NOT_FOUND' }),
    );
  });
});
