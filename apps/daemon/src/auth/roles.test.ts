import { describe, expect, it } from 'vitest';
import { type AuthSettings, authenticate, requireRole } from './roles';

const settings: AuthSettings = {
  type: 'api_key',
  headerName: 'X-API-Key',
  keys: new Map([
    ['agent-key', 'agent'],
    ['approver-key', 'approver'],
  ]),
};

describe('auth', () => {
  it('lets everyone in when auth is off, but never to approver endpoints', () => {
    const caller = authenticate({ ...settings, type: 'none' }, () => undefined);
    expect(caller).toEqual({ kind: 'anonymous' });
    expect(() => requireRole(caller, ['approver', 'admin'])).toThrow(/require auth/);
  });

  it('maps keys to roles and rejects unknown keys with 401', () => {
    expect(authenticate(settings, () => 'approver-key')).toEqual({ kind: 'key', role: 'approver' });
    expect(() => authenticate(settings, () => 'nope')).toThrowError(
      expect.objectContaining({ code: 'DAEMON_UNAUTHORIZED' }),
    );
    expect(() => authenticate(settings, () => undefined)).toThrow(/unauthorized/);
  });

  it('does not let an agent key approve', () => {
    const agent = authenticate(settings, () => 'agent-key');
    expect(() => requireRole(agent, ['approver', 'admin'])).toThrowError(
      expect.objectContaining({ code: 'DAEMON_FORBIDDEN' }),
    );
    expect(() =>
      requireRole(
        authenticate(settings, () => 'approver-key'),
        ['approver'],
      ),
    ).not.toThrow();
  });
});
