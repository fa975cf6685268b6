import { describe, expect, it } from 'vitest';
import { ApprovalManager } from '../approvals/manager';
import { SessionManager } from '../sessions/manager';
import { type ExecDeps, executeCommand } from './service';
import { createUntracedTestRunner } from './test-runner';
import type { PolicyVerdict } from './types';

const allow: PolicyVerdict = { decision: 'allow', effective_decision: 'allow', rule: 'allow-all' };

function setup(verdict: (cmd: string) => PolicyVerdict = () => allow) {
  const sessions = new SessionManager({
    maxSessions: 10,
    defaultTimeoutMs: 60_000,
    defaultIdleTimeoutMs: 60_000,
    resolveRoots: (w) => ({ projectRoot: w }),
  });
  const session = sessions.create({ workspace: '/tmp', policy: 'default' });
  const runner = createUntracedTestRunner();
  const events: string[] = [];
  const stored: { stdout: string }[] = [];
  const approvals = new ApprovalManager();
  const deps: ExecDeps = {
    precheck: (_s, cmd) => verdict(cmd),
    buildEnv: () => ({ PATH: '/usr/bin:/bin' }),
    timeoutMs: () => 5_000,
    runner,
    newRedactor: () => {
      let held = '';
      return {
        push: (chunk) => {
          held += chunk.toString('utf8');
          return '';
        },
        end: () => held.replaceAll('SECRET123', '[REDACTED:TEST]'),
      };
    },
    redactText: (text) => text.replaceAll('SECRET123', '[REDACTED:TEST]'),
    approvals,
    approvalTimeoutMs: 50,
    emit: (e) => events.push(e.type),
    storeOutput: (o) => stored.push(o),
  };
  return { deps, session, runner, events, stored, approvals };
}

describe('executeCommand', () => {
  it('runs an allowed command and returns redacted output, stored redacted too', async () => {
    const { deps, session, events, stored } = setup();
    const { status, body } = await executeCommand(deps, session, {
      command: 'sh',
      args: ['-c', 'echo hi SECRET123'],
    });
    expect(status).toBe(200);
    expect(body.result.exit_code).toBe(0);
    expect(body.result.stdout).toBe('hi [REDACTED:TEST]\n');
    expect(body.result.stdout_total_bytes).toBe(13);
    expect(stored[0]?.stdout).not.toContain('SECRET123');
    expect(body.command_id).toMatch(/^cmd-/);
    expect(events).toEqual(['command_policy', 'command_started', 'command_finished']);
  });

  it('keeps secrets in arguments out of the events it records', async () => {
    const recorded: unknown[] = [];
    const { deps, session } = setup();
    deps.emit = (e) => recorded.push(e);
    await executeCommand(deps, session, { command: 'echo', args: ['token=SECRET123'] });
    expect(JSON.stringify(recorded)).not.toContain('SECRET123');
    expect(JSON.stringify(recorded)).toContain('[REDACTED:TEST]');
  });

  it('denies by policy with 403, exit 126, E_POLICY_DENIED and the rule, and runs nothing', async () => {
    const { deps, session, events } = setup(() => ({
      decision: 'deny',
      effective_decision: 'deny',
      rule: 'block-container-escape',
    }));
    const { status, body } = await executeCommand(deps, session, { command: 'sudo', args: ['whoami'] });
    expect(status).toBe(403);
    expect(body.result).toMatchObject({
      exit_code: 126,
      error: { code: 'E_POLICY_DENIED', policy_rule: 'block-container-escape' },
    });
    expect(events).toEqual(['command_policy']);
  });

  it('passes the exit code through and reports failures', async () => {
    const { deps, session } = setup();
    const { body } = await executeCommand(deps, session, {
      command: 'sh',
      args: ['-c', 'echo oops >&2; exit 3'],
    });
    expect(body.result.exit_code).toBe(3);
    expect(body.result.stderr).toBe('oops\n');
    expect(body.result.error?.code).toBe('E_COMMAND_FAILED');
  });

  it('waits for approval and denies on timeout with E_APPROVAL_TIMEOUT', async () => {
    const { deps, session } = setup(() => ({
      decision: 'approve',
      effective_decision: 'approve',
      rule: 'approve-x',
    }));
    const { status, body } = await executeCommand(deps, session, { command: 'true' });
    expect(status).toBe(403);
    expect(body.result.error?.code).toBe('E_APPROVAL_TIMEOUT');
  });

  it('runs an approved command once an approver says yes', async () => {
    const { deps, session, approvals } = setup(() => ({
      decision: 'approve',
      effective_decision: 'approve',
      rule: 'approve-x',
    }));
    deps.approvalTimeoutMs = 5_000;
    const pending = executeCommand(deps, session, { command: 'true' });
    await new Promise((r) => setTimeout(r, 20));
    const [approval] = approvals.list();
    approvals.resolve(approval?.id ?? '', 'approve');
    expect((await pending).status).toBe(200);
  });

  it('refuses to run anything when the tracer is down (fail closed)', async () => {
    const { deps, session, runner } = setup();
    runner.up = false;
    await expect(executeCommand(deps, session, { command: 'true' })).rejects.toMatchObject({
      code: 'DAEMON_UNAVAILABLE',
    });
  });
});
