import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyStore } from './policy-store';
import { createSessionPolicy } from './session-policy';

const POLICY = `
version: 1
name: test
file_rules:
  - name: allow-project
    paths: ["\${PROJECT_ROOT}/**"]
    operations: ["*"]
    decision: allow
command_rules:
  - name: block-escape
    commands: [sudo]
    decision: deny
    message: "Container escape attempt blocked: {{.Command}}"
  - name: wrap-python
    commands: [python3]
    decision: redirect
    redirect_to: { command: /usr/bin/env, args: [python3, -I], args_append: [--end] }
  - name: allow-rest
    commands: ["*"]
    decision: allow
env_policy:
  allow: [PATH, HOME, "LC_*"]
  deny: ["*_TOKEN"]
  max_keys: 10
env_inject:
  BASH_ENV: /usr/lib/agentsh/bash_startup.sh
`;

function store(): PolicyStore {
  const dir = mkdtempSync(join(tmpdir(), 'policies-'));
  writeFileSync(join(dir, 'test.yaml'), POLICY);
  writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nname: broken\nfile_rulez: []\n');
  return new PolicyStore(dir);
}

describe('session policy', () => {
  it('finds policies by safe name only', () => {
    const s = store();
    expect(s.list()).toEqual(['broken', 'test']);
    expect(s.has('test')).toBe(true);
    expect(s.has('../etc/passwd')).toBe(false);
    expect(() => s.load('broken')).toThrow(/file_rulez/);
  });

  it('prechecks commands with the session policy, rendering the message', () => {
    const sp = createSessionPolicy(store().load('test'), {
      roots: { projectRoot: '/work/proj' },
      env: { HOME: '/root' },
      approvalsEnforced: false,
      configEnvInject: {},
    });
    expect(sp.precheck('sudo', ['whoami'])).toMatchObject({
      effective_decision: 'deny',
      rule: 'block-escape',
      message: 'Container escape attempt blocked: sudo',
    });
    expect(sp.precheck('ls', ['/']).effective_decision).toBe('allow');
    expect(sp.engine.checkFile('/work/proj/a.txt', 'write').effectiveDecision).toBe('allow');
  });

  it('rewrites a redirected command around the original args', () => {
    const sp = createSessionPolicy(store().load('test'), {
      roots: { projectRoot: '/p' },
      env: {},
      approvalsEnforced: false,
      configEnvInject: {},
    });
    expect(sp.precheck('python3', ['x.py']).redirect).toEqual({
      command: '/usr/bin/env',
      args: ['python3', '-I', 'x.py', '--end'],
    });
  });

  it('builds the env with the policy allow list and env_inject overriding the config', () => {
    const sp = createSessionPolicy(store().load('test'), {
      roots: { projectRoot: '/p' },
      env: { PATH: '/bin', HOME: '/root' },
      approvalsEnforced: false,
      configEnvInject: { BASH_ENV: '/config/one', OTHER: 'x' },
    });
    const env = sp.buildEnv([{ LC_ALL: 'C', API_TOKEN: 't', RANDOM_VAR: 'r' }]);
    expect(env).toEqual({
      AGENTSH_IN_SESSION: '1',
      BASH_ENV: '/usr/lib/agentsh/bash_startup.sh',
      HOME: '/root',
      LC_ALL: 'C',
      OTHER: 'x',
      PATH: '/bin',
      SHLVL: '1',
    });
  });
});
