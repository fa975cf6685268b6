import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { type PolicyCliIo, registerPolicyCommand } from './policy';

const POLICIES = fileURLToPath(new URL('../../../../../policies/', import.meta.url));

async function run(args: string[], stdin = ''): Promise<{ out: string; err: string; code: number }> {
  const res = { out: '', err: '', code: 0 };
  const io: PolicyCliIo = {
    out: (t) => (res.out += t),
    err: (t) => (res.err += t),
    stdin: () => Readable.from([stdin]),
    env: { HOME: '/root' },
    cwd: () => '/root',
    exit: (c) => (res.code = c),
  };
  const program = new Command('agentsh').exitOverride();
  registerPolicyCommand(program, io);
  await program.parseAsync(['node', 'agentsh', 'policy', ...args]);
  return res;
}

describe('agentsh policy eval', () => {
  it('answers the issue question shapes, one JSON line each, and survives bad lines', async () => {
    const input = [
      '{"kind":"command","command":"rm","args":["-rf","/tmp/x"],"depth":0}',
      '{"kind":"file","path":"/etc/hack","operation":"create"}',
      'not json',
      '{"kind":"network","host":"evil.com","port":443}',
      '{"kind":"network","host":"10.0.0.1","port":"80"}',
      '',
      '{"kind":"dns","name":"redirectme.example.com"}',
      '{"kind":"env","name":"AWS_SECRET_KEY"}',
      '{"kind":"teleport"}',
      '{"kind":"network","host":"metadata.google.internal","port":80}',
    ].join('\n');
    const { out, code } = await run(
      [
        'eval',
        `${POLICIES}default.yaml`,
        '--var',
        'PROJECT_ROOT=/root',
        '--resolve',
        'metadata.google.internal=169.254.169.254',
      ],
      input,
    );
    expect(code).toBe(0);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { decision: 'allow', effective_decision: 'allow', rule: 'allow-safe-commands' },
      { decision: 'deny', effective_decision: 'deny', rule: 'default-deny-files' },
      { error: expect.stringMatching(/^line 3: invalid JSON/) },
      { decision: 'deny', effective_decision: 'deny', rule: 'block-evil-domains' },
      { error: 'line 5: port: Invalid input: expected number, received string' },
      {
        decision: 'redirect',
        effective_decision: 'redirect',
        rule: 'redirect-test',
        redirect: {
          kind: 'dns',
          resolve_to: '127.0.0.1',
          visibility: 'audit_only',
          on_failure: 'fail_closed',
        },
      },
      {
        decision: 'deny',
        effective_decision: 'deny',
        rule: 'deny',
        message: 'matched env pattern *_SECRET*',
      },
      { error: expect.stringMatching(/^line 9: kind: /) },
      {
        decision: 'deny',
        effective_decision: 'deny',
        rule: 'block-cloud-metadata',
        message: 'Cloud metadata access blocked: metadata.google.internal:80',
      },
    ]);
  });

  it('exits 1 with a message naming file:line:col for an invalid policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nname: b\nfile_rulez: []\n');
    const { err, code } = await run(['eval', join(dir, 'bad.yaml')]);
    expect(code).toBe(1);
    expect(err).toContain('bad.yaml:3:1: file_rulez: unknown key "file_rulez"');
  });
});

describe('agentsh policy check', () => {
  it('passes the shipped policies and test files, printing warnings with positions', async () => {
    const files = ['default.yaml', 'recommended.yaml', 'default.tests.yaml'].map((f) => `${POLICIES}${f}`);
    const { out, code } = await run(['check', ...files]);
    expect(code).toBe(0);
    expect(out).toMatch(
      /default\.yaml:288:5: warning: command_rules\[5\]: rule "block-rm-recursive" can never match/,
    );
    expect(out).toContain('default.tests.yaml: ok (0 errors, 0 warnings)');
  });

  it('lints with session variables when given --var', async () => {
    const { out, code } = await run(['check', '--var', 'PROJECT_ROOT=/root', `${POLICIES}default.yaml`]);
    expect(code).toBe(0);
    expect(out).toContain('rule "deny-delete-root-home" can never match');
    expect((await run(['check', '--var', 'oops', `${POLICIES}default.yaml`])).code).toBe(1);
  });

  it('exits 1 on errors and names file:line:col and the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcli-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(
      file,
      'version: 1\nname: p\nnetwork_rules:\n  - name: n\n    cidrs: [10.0.0.0/99]\n    decision: deny\n',
    );
    const { out, code } = await run(['check', file, join(dir, 'missing.yaml')]);
    expect(code).toBe(1);
    expect(out).toContain(`${file}:5:13: error: network_rules[0].cidrs[0]: invalid CIDR "10.0.0.0/99"`);
    expect(out).toContain('missing.yaml:0:0: error: (root): cannot read: ENOENT');
  });
});

describe('agentsh policy test', () => {
  it('runs the sidecar cases', async () => {
    const { out, code } = await run(['test', `${POLICIES}default.yaml`]);
    expect(code).toBe(0);
    expect(out).toMatch(/default\.tests\.yaml: \d+ passed, 0 failed/);
  });

  it('exits 1 when a case fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcli-'));
    writeFileSync(join(dir, 'p.yaml'), 'version: 1\nname: p\n');
    writeFileSync(
      join(dir, 'p.tests.yaml'),
      'cases:\n  - name: ls\n    question: {kind: command, command: ls}\n    expect: {decision: allow}\n',
    );
    const { out, code } = await run(['test', join(dir, 'p.yaml')]);
    expect(code).toBe(1);
    expect(out).toContain('FAIL ls');
    expect(out).toContain('decision: expected "allow", got "deny"');
  });
});
