import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentshClient } from '../client/http-client';
import type { ExecResponse } from '../exec/response';
import { loadDaemonConfig } from './config-file';
import { type DaemonHandle, startDaemon } from './daemon';

const POLICY = `version: 1
name: default
file_rules:
  - name: soft-delete-workspace
    paths: ["\${PROJECT_ROOT}/**"]
    operations: [delete]
    decision: soft_delete
  - name: allow-workspace
    paths: ["\${PROJECT_ROOT}/**"]
    operations: ["*"]
    decision: allow
  - name: deny-etc-writes
    paths: ["/etc/**"]
    operations: [write, create, delete]
    decision: deny
  - name: allow-rest
    paths: ["**"]
    operations: ["*"]
    decision: allow
command_rules:
  - name: block-container-escape
    commands: [sudo, nsenter]
    decision: deny
  - name: allow-other-commands
    commands: ["*"]
    decision: allow
`;

function writeConfig(): { file: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'agentsh-daemon-'));
  mkdirSync(join(root, 'policies'));
  mkdirSync(join(root, 'work'));
  writeFileSync(join(root, 'policies', 'default.yaml'), POLICY);
  const file = join(root, 'config.yaml');
  writeFileSync(
    file,
    `server:\n  http:\n    addr: 127.0.0.1:0\nlogging:\n  output: ${root}/agentsh.log\naudit:\n  storage:\n    sqlite_path: ${root}/events.db\nsessions:\n  base_dir: ${root}/sessions\npolicies:\n  dir: ${root}/policies\nsandbox:\n  network:\n    dns_upstream: 127.0.0.1:9\nunknown_key_from_modal: ignored\n`,
  );
  return { file, root };
}

describe.runIf(process.platform === 'linux')('agentsh server end to end (real tracer)', () => {
  let daemon: DaemonHandle;
  let client: AgentshClient;
  let root = '';
  beforeAll(async () => {
    const written = writeConfig();
    root = written.root;
    daemon = await startDaemon({
      config: loadDaemonConfig(written.file, { PATH: process.env.PATH }),
      env: { PATH: '/usr/bin:/bin', HOME: '/root' },
    });
    client = new AgentshClient({ server: daemon.url });
  });
  afterAll(async () => {
    await daemon?.stop();
  });

  it('is healthy and ready once the tracer probe passed, and logs that ptrace runs', async () => {
    expect(await fetch(`${daemon.url}/health`).then((r) => r.text())).toBe('ok\n');
    expect(await fetch(`${daemon.url}/ready`).then((r) => r.text())).toBe('ready\n');
    expect(readFileSync(join(root, 'agentsh.log'), 'utf8')).toMatch(/ptrace tracer started/);
  });

  it('runs commands under the session policy: precheck deny, traced file deny, allow', async () => {
    const { data: session } = await client.request<{ id: string }>('POST', '/api/v1/sessions', {
      workspace: join(root, 'work'),
    });
    const exec = async (command: string, args: string[]) =>
      (
        await client.request<ExecResponse>(
          'POST',
          `/api/v1/sessions/${session.id}/exec`,
          { command, args },
          [403],
        )
      ).data;
    expect((await exec('sudo', ['whoami'])).result).toMatchObject({
      exit_code: 126,
      error: { policy_rule: 'block-container-escape' },
    });
    const denied = await exec('sh', ['-c', 'echo x > /etc/agentsh-e2e-hack']);
    expect(denied.result.exit_code).not.toBe(0);
    expect(denied.events.blocked_operations.map((e) => e.policy?.rule)).toContain('deny-etc-writes');
    const ok = await exec('sh', ['-c', `echo data > ${root}/work/f.txt && cat ${root}/work/f.txt`]);
    expect(ok.result).toMatchObject({ exit_code: 0, stdout: 'data\n' });
  });

  it('stores every decision with its policy at the top level, so decision filters find them', async () => {
    await new Promise((r) => setTimeout(r, 100));
    const { data } = await client.request<{ type: string; path?: string; policy?: { rule: string } }[]>(
      'GET',
      '/api/v1/events/search?decision=deny&limit=50',
    );
    const rules = data.map((e) => e.policy?.rule);
    expect(rules).toContain('block-container-escape');
    expect(data.find((e) => e.path === '/etc/agentsh-e2e-hack')).toMatchObject({
      type: 'file_create',
      policy: { rule: 'deny-etc-writes' },
    });
  });

  it('soft-deletes workspace files into <data dir>/quarantine/<session> and rm still succeeds', async () => {
    const { data: session } = await client.request<{ id: string }>('POST', '/api/v1/sessions', {
      workspace: join(root, 'work'),
    });
    const file = join(root, 'work', 'precious.txt');
    writeFileSync(file, 'keep me');
    const { data } = await client.request<ExecResponse>('POST', `/api/v1/sessions/${session.id}/exec`, {
      command: 'rm',
      args: [file],
    });
    expect(data.result.exit_code).toBe(0);
    expect(existsSync(file)).toBe(false);
    const quarantine = join(root, 'quarantine', session.id);
    const found = execFileSync('find', [quarantine, '-name', '*precious.txt*'], { encoding: 'utf8' });
    expect(found.trim()).not.toBe('');
  });

  it('stores no secret from command arguments or output in the audit store', async () => {
    const { data: session } = await client.request<{ id: string }>('POST', '/api/v1/sessions', {
      workspace: join(root, 'work'),
    });
    const secret = `AKIA${'Q7ZX'.repeat(4)}`;
    const { data } = await client.request<ExecResponse>('POST', `/api/v1/sessions/${session.id}/exec`, {
      command: 'sh',
      args: ['-c', `echo key=${secret}`],
    });
    expect(data.result.stdout).not.toContain(secret);
    await new Promise((r) => setTimeout(r, 100));
    const db = readFileSync(join(root, 'events.db')).toString('latin1');
    const wal = existsSync(join(root, 'events.db-wal'))
      ? readFileSync(join(root, 'events.db-wal')).toString('latin1')
      : '';
    expect(db + wal).not.toContain(secret);
  });

  it('exports tracer and audit metrics next to agentsh names', async () => {
    const text = await fetch(`${daemon.url}/metrics`).then((r) => r.text());
    expect(text).toMatch(/agentsh_ptrace_stops_total [1-9]/);
    expect(text).toMatch(/agentsh_ptrace_denies_total [1-9]/);
    expect(text).toMatch(/agentsh_audit_committed \d+/);
    expect(text).toMatch(/agentsh_sessions_active [1-9]/);
  });
});
