import { describe, expect, it } from 'vitest';
import { buildCommandEnv } from './env-builder';

const deny = new Set(['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN']);
const base = {
  serverEnv: { PATH: '/usr/local/bin:/usr/bin', HOME: '/root', SECRET_OF_SERVER: 'x' },
  isAllowed: (name: string) => !deny.has(name),
  limits: {},
  inject: {},
};

describe('buildCommandEnv', () => {
  it('starts from the minimal base and never leaks other server variables', () => {
    const env = buildCommandEnv({ ...base, extra: [] });
    expect(env).toEqual({
      AGENTSH_IN_SESSION: '1',
      HOME: '/root',
      PATH: '/usr/local/bin:/usr/bin',
      SHLVL: '1',
    });
  });

  it('filters session and request variables through env_policy; AGENTSH_* always passes', () => {
    const env = buildCommandEnv({
      ...base,
      extra: [
        { FOO: 'session', GITHUB_TOKEN: 'ghp_x' },
        { FOO: 'request', AGENTSH_SESSION_ID: 's1', EMPTY: '' },
      ],
    });
    expect(env.FOO).toBe('request');
    expect(env.GITHUB_TOKEN).toBeUndefined();
    expect(env.AGENTSH_SESSION_ID).toBe('s1');
    expect('EMPTY' in env).toBe(false);
  });

  it('adds env_inject after filtering (operator-trusted)', () => {
    const env = buildCommandEnv({
      ...base,
      extra: [],
      inject: { BASH_ENV: '/usr/lib/agentsh/bash_startup.sh' },
    });
    expect(env.BASH_ENV).toBe('/usr/lib/agentsh/bash_startup.sh');
  });

  it('enforces max_keys and max_bytes with a clear error', () => {
    expect(() => buildCommandEnv({ ...base, extra: [{ A: '1', B: '2' }], limits: { maxKeys: 3 } })).toThrow(
      /max_keys is 3/,
    );
    expect(() =>
      buildCommandEnv({ ...base, extra: [{ BIG: 'x'.repeat(100) }], limits: { maxBytes: 64 } }),
    ).toThrow(/max_bytes is 64/);
  });
});
