/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy text uses ${VAR} syntax */
import { describe, expect, it } from 'vitest';
import { createEngine, type EngineOptions } from './engine';
import { isPolicyError } from './errors';
import { evaluate } from './evaluate';
import { parsePolicy } from './parse-policy';
import { parseQuestion } from './question';

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

function engineOf(yaml: string, options: EngineOptions = {}) {
  const r = parsePolicy(`version: 1\nname: t\n${yaml}`);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return createEngine(r.policy, options);
}

describe('createEngine', () => {
  it('falls back to agentsh default-deny rule names', () => {
    const e = engineOf('');
    expect(e.checkFile('/x', 'open').rule).toBe('default-deny-files');
    expect(e.checkCommand('ls', []).rule).toBe('default-deny-commands');
    expect(e.checkExecve('/bin/ls', ['ls'], 0).rule).toBe('default-deny-execve');
    expect(e.checkNetwork('1.2.3.4', 80).rule).toBe('default-deny-network');
    expect(e.checkUnixSocket('/run/x.sock', 'connect').rule).toBe('default-deny-unix');
    expect(e.checkEnv('AWS_ACCESS_KEY_ID')).toMatchObject({ decision: 'deny', rule: 'default-secret-deny' });
    expect(e.checkEnv('FOO')).toMatchObject({ decision: 'allow', rule: 'default-allow' });
  });

  it('joins args without argv[0] in the precheck and with it at execve', () => {
    const e = engineOf(
      'command_rules:\n  - {name: no-rf, commands: [rm], args_patterns: ["^rm -rf"], decision: deny}\n  - {name: rest, decision: allow}',
    );
    expect(e.checkCommand('rm', ['-rf', '/']).rule).toBe('rest');
    expect(e.checkExecve('/bin/rm', ['rm', '-rf', '/'], 0).rule).toBe('no-rf');
  });

  it('matches full paths, path globs, basenames and basename globs case-insensitively', () => {
    const e = engineOf(
      'command_rules:\n  - {name: a, commands: [/opt/*/bin/tool, "py*", /usr/bin/X], decision: deny}\n  - {name: z, commands: ["*"], decision: allow}',
    );
    expect(e.checkCommand('/opt/v1/bin/tool', []).rule).toBe('a');
    expect(e.checkCommand('/opt/v1/x/bin/tool', []).rule).toBe('z');
    expect(e.checkCommand('/usr/local/bin/Python3', []).rule).toBe('a');
    expect(e.checkCommand('/USR/BIN/x', []).rule).toBe('a');
    expect(e.checkCommand('x', []).rule).toBe('z');
  });

  it('honours context depth ranges', () => {
    const e = engineOf(
      'command_rules:\n  - {name: deep, commands: [sh], context: {min_depth: 2, max_depth: 3}, decision: deny}\n  - {name: ok, decision: allow}',
    );
    expect([0, 1, 2, 3, 4].map((d) => e.checkExecve('/bin/sh', ['sh'], d).rule)).toEqual([
      'ok',
      'ok',
      'deep',
      'deep',
      'ok',
    ]);
  });

  it('keeps approve when approvals are enforced, and denies invalid decisions', () => {
    const yaml =
      'file_rules:\n  - {name: a, paths: [/a], decision: approve, timeout: 1m}\n  - {name: b, paths: [/b], decision: block}';
    const r = engineOf(yaml, { approvalsEnforced: true }).checkFile('/a', 'open');
    expect(r).toMatchObject({
      decision: 'approve',
      effectiveDecision: 'approve',
      approval: { mode: 'enforced', timeoutMs: 60_000 },
    });
    expect(engineOf(yaml).checkFile('/b', 'open')).toMatchObject({
      decision: 'deny',
      rule: 'invalid-policy-decision',
    });
  });

  it('matches a read-only open against read rules and checks both rename paths', () => {
    const e = engineOf(
      'file_rules:\n  - {name: r, paths: [/w/**], operations: [read, rename], decision: allow}',
    );
    expect(e.checkFile('/w/a', 'open').rule).toBe('r');
    expect(e.checkFile('/w/a', 'rename', '/w/b').rule).toBe('r');
    expect(e.checkFile('/w/a', 'rename', '/etc/b').rule).toBe('default-deny-files');
  });

  it('returns redirect targets for files, commands and connects', () => {
    const e = engineOf(
      [
        'file_rules: [{name: f, paths: [/out/**], decision: redirect, redirect_to: /safe}]',
        'command_rules: [{name: c, commands: [curl], decision: redirect, redirect_to: {command: /bin/echo, args: [blocked]}}]',
        'connect_redirects: [{name: k, match: "^api\\\\.x\\\\.test:443$", redirect_to: "127.0.0.1:8443"}]',
        'network_rules: [{name: n, ports: [443], decision: allow}]',
      ].join('\n'),
    );
    expect(e.checkFile('/out/a/b.txt', 'write').redirect).toEqual({ kind: 'file', path: '/safe/b.txt' });
    expect(e.checkCommand('curl', ['x']).redirect).toMatchObject({
      kind: 'command',
      command: '/bin/echo',
      args: ['blocked'],
    });
    expect(e.checkNetwork('api.x.test', 443)).toMatchObject({
      decision: 'redirect',
      rule: 'k',
      redirect: { redirectTo: '127.0.0.1:8443' },
    });
    expect(e.checkNetwork('other.test', 443).rule).toBe('n');
  });

  it('matches domain selectors on the names recorded for an IP', () => {
    const e = engineOf('network_rules: [{name: gh, domains: [github.com], decision: allow}]');
    expect(e.checkNetwork('140.82.1.1', 443).rule).toBe('default-deny-network');
    expect(e.checkNetwork('140.82.1.1', 443, ['GitHub.com.']).rule).toBe('gh');
  });

  it('refuses a policy with unexpanded variables', () => {
    const r = parsePolicy(
      'version: 1\nname: t\nfile_rules: [{name: a, paths: ["${PROJECT_ROOT}/**"], decision: allow}]',
    );
    if (!r.ok) throw new Error('parse');
    expect(() => createEngine(r.policy)).toThrow(expect.objectContaining({ code: 'POLICY_VARIABLE' }));
    expect(() => createEngine(r.policy, { variables: {} })).toThrow(/undefined variable PROJECT_ROOT/);
    expect(isPolicyError(captureError(() => createEngine(r.policy)))).toBe(true);
  });
});

describe('evaluate', () => {
  it('dispatches validated questions', () => {
    const e = engineOf('command_rules: [{name: ok, commands: [ls], decision: allow}]');
    const q = parseQuestion({ kind: 'command', command: 'ls' });
    expect(q.ok && evaluate(e, q.question).rule).toBe('ok');
    expect(parseQuestion({ kind: 'network', host: 'x', port: 'http' })).toEqual({
      ok: false,
      error: 'port: Invalid input: expected number, received string',
    });
  });
});

describe('threat feeds', () => {
  const feeds = (action: 'deny' | 'audit') => ({
    action,
    check: (d: string) =>
      d === 'bad.test' || d.endsWith('.bad.test') ? { feed: 'urlhaus', matched: 'bad.test' } : undefined,
  });
  const yaml = 'network_rules: [{name: https, ports: [443], decision: allow}]';

  it('deny mode stops before the rules, for connects and DNS', () => {
    const e = engineOf(yaml, { threatFeed: feeds('deny') });
    expect(e.checkNetwork('x.bad.test', 443)).toMatchObject({
      decision: 'deny',
      rule: 'threat-feed:urlhaus',
      message: 'domain matched threat feed: urlhaus (matched: bad.test)',
    });
    expect(e.checkDns('bad.test').rule).toBe('threat-feed:urlhaus');
    expect(e.checkNetwork('1.2.3.4', 443, ['bad.test']).rule).toBe('threat-feed:urlhaus');
    expect(e.checkNetwork('good.test', 443).rule).toBe('https');
  });

  it('audit mode annotates the rule decision', () => {
    const r = engineOf(yaml, { threatFeed: feeds('audit') }).checkNetwork('bad.test', 443);
    expect(r).toMatchObject({
      decision: 'allow',
      rule: 'https',
      threat: { feed: 'urlhaus', action: 'audit' },
    });
  });
});

describe('per-command env overrides', () => {
  it('applies a command rule env_allow/env_deny over env_policy (the rule wins when set)', () => {
    const e = engineOf(
      [
        'env_policy: {allow: [HOME, PATH, "NPM_*"], deny: ["*_TOKEN"], max_keys: 50}',
        'command_rules:',
        '  - {name: npm, commands: [npm], decision: allow, env_allow: [HOME, NPM_TOKEN], env_max_keys: 5}',
        '  - {name: rest, decision: allow}',
      ].join('\n'),
    );
    expect(e.checkEnv('NPM_TOKEN').rule).toBe('deny');
    expect(e.checkEnv('NPM_TOKEN', 'npm')).toMatchObject({ decision: 'deny', rule: 'deny' });
    expect(e.checkEnv('PATH', 'npm')).toMatchObject({ decision: 'deny', rule: 'default-deny' });
    expect(e.checkEnv('PATH', 'rest')).toMatchObject({ decision: 'allow', rule: 'allow' });
    expect(e.envPolicyFor('npm')).toEqual({
      allow: ['HOME', 'NPM_TOKEN'],
      deny: ['*_TOKEN'],
      maxBytes: 0,
      maxKeys: 5,
      blockIteration: false,
    });
    expect(e.envPolicyFor().maxKeys).toBe(50);
  });
});

describe('connect redirects', () => {
  it('redirect only connects the network rules allow', () => {
    const e = engineOf(
      [
        "connect_redirects: [{name: r, match: ':8080$', redirect_to: '127.0.0.1:18080'}]",
        'network_rules: [{name: ok, domains: [ok.test], decision: allow}, {name: ask, domains: [ask.test], decision: approve}]',
      ].join('\n'),
      { approvalsEnforced: true },
    );
    expect(e.checkNetwork('ok.test', 8080)).toMatchObject({ decision: 'redirect', rule: 'r' });
    expect(e.checkNetwork('no.test', 8080)).toMatchObject({ decision: 'deny', rule: 'default-deny-network' });
    expect(e.checkNetwork('ask.test', 8080)).toMatchObject({ decision: 'approve', rule: 'ask' });
  });
});
