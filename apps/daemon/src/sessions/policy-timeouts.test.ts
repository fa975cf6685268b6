import { describe, expect, it } from 'vitest';
import { SessionManager } from './manager';
import { applyPolicyTimeouts } from './policy-timeouts';

const record = () =>
  new SessionManager({
    maxSessions: 1,
    defaultTimeoutMs: 3_600_000,
    defaultIdleTimeoutMs: 900_000,
    resolveRoots: (w) => ({ projectRoot: w }),
    now: () => 1_000,
  }).create({ workspace: '/', policy: 'p' });

describe('applyPolicyTimeouts', () => {
  it('takes the smaller of the config and policy timeouts', () => {
    const r = record();
    applyPolicyTimeouts(r, { session_timeout: '10m', idle_timeout: '1h' });
    expect(r.expiresAtMs).toBe(1_000 + 600_000);
    expect(r.idleTimeoutMs).toBe(900_000);
  });

  it('leaves the config values when the policy sets none', () => {
    const r = record();
    applyPolicyTimeouts(r, undefined);
    expect(r.expiresAtMs).toBe(1_000 + 3_600_000);
  });
});
