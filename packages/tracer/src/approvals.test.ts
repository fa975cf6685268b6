import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceSh } from '../test/run';
import { allowAllCommands, allowAllFiles, commandRule, fileRule, signalRule, table } from '../test/tables';
import type { ApprovalRequest } from './events';

const linux = process.platform === 'linux';

describe.runIf(linux)('approvals park the thread and resume on the answer', () => {
  const t = () =>
    table({
      command: [commandRule('ask-touch', 'approve', { names: ['touch'], timeoutMs: 5000 }), allowAllCommands],
    });

  it('runs the command when the handler approves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-appr-'));
    const asked: ApprovalRequest[] = [];
    const r = await traceSh(`touch ${dir}/a; echo rc=$?`, t(), {
      onApproval: (req) => {
        asked.push(req);
        return true;
      },
    });
    expect(r.stdout).toBe('rc=0\n');
    expect(existsSync(join(dir, 'a'))).toBe(true);
    expect(asked[0]?.event).toMatchObject({ type: 'exec', path: '/usr/bin/touch', rule: 'ask-touch' });
    expect(r.events.find((e) => e.type === 'exec' && e.rule === 'ask-touch')).toMatchObject({
      note: 'approved',
    });
  });

  it('denies with EACCES when the handler refuses, or when there is no handler', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-appr-'));
    const r = await traceSh(`touch ${dir}/a; echo rc=$?`, t(), { onApproval: async () => false });
    expect(r.stdout).toBe('rc=126\n');
    const r2 = await traceSh(`touch ${dir}/a; echo rc=$?`, t());
    expect(r2.stdout).toBe('rc=126\n');
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('denies when the answer does not come before the timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'at-appr-'));
    const slow = table({
      file: [fileRule('ask-write', 'approve', [`${dir}/**`], ['create'], { timeoutMs: 300 }), allowAllFiles],
    });
    const started = Date.now();
    const r = await traceSh(`echo x > ${dir}/a; echo rc=$?`, slow, {
      onApproval: () => new Promise(() => {}),
    });
    expect(r.stdout).toBe('rc=2\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(r.events.find((e) => e.type === 'file' && e.rule === 'ask-write')).toMatchObject({
      note: 'timeout',
    });
  });
});

describe.runIf(linux)('signal rules', () => {
  it('denies a signal to the parent with EPERM and allows unlisted ones', async () => {
    const t = table({ signal: [signalRule('no-kill-parent', 'deny', [15], { type: 'parent' })] });
    const r = await traceSh(
      "sh -c 'kill -TERM $PPID; echo rc=$?; kill -0 $PPID; echo probe=$?'; echo alive",
      t,
    );
    expect(r.stdout).toContain('rc=1\n');
    expect(r.stdout).toContain('alive\n');
    expect(r.denied[0]).toMatchObject({ type: 'signal', signal: 15, rule: 'no-kill-parent' });
  });

  it('allows signals to the command itself when only external targets are denied', async () => {
    const t = table({ signal: [signalRule('no-external', 'deny', [9, 15], { type: 'external' })] });
    const outsider = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const r = await traceSh(
        `kill -TERM ${outsider.pid}; echo ext=$?; sleep 5 & kill -TERM $!; wait $!; echo child=$?`,
        t,
      );
      expect(r.stdout).toBe('ext=1\nchild=143\n');
      expect(outsider.exitCode).toBeNull();
    } finally {
      outsider.kill('SIGKILL');
    }
  });
});
