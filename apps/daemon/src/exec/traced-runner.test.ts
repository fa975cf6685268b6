import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuLatencyTarget, type PolicyTable } from '@agentsh/tracer';
import { describe, expect, it } from 'vitest';
import { ApprovalManager } from '../approvals/manager';
import { netEvent } from './socket-events';
import { createTracedRunner, dnsOption } from './traced-runner';
import type { OperationEvent, RunRequest } from './types';

const dir = mkdtempSync(join(tmpdir(), 'runner-'));

const allow = { decision: 'allow', effective: 'allow' } as const;
const table: PolicyTable = {
  format: 1,
  name: 'runner-test',
  stop: { exec: true, file: true, readOnlyOpen: false, network: false, unixSocket: false, signal: false },
  file: [
    {
      name: 'protect-dir',
      decision: 'deny',
      effective: 'deny',
      globs: [`${dir}/**`],
      ops: ['create', 'write'],
    },
    { name: 'allow-rest', ...allow, globs: ['**'], ops: '*' },
  ],
  command: [
    {
      name: 'no-nsenter',
      decision: 'deny',
      effective: 'deny',
      fullPaths: [],
      pathGlobs: [],
      names: ['nsenter'],
      nameGlobs: [],
      anyCommand: false,
      args: [],
      minDepth: 0,
      maxDepth: -1,
    },
    {
      name: 'allow-all',
      ...allow,
      fullPaths: [],
      pathGlobs: [],
      names: [],
      nameGlobs: [],
      anyCommand: true,
      args: [],
      minDepth: 0,
      maxDepth: -1,
    },
  ],
  network: [],
  unixSocket: [],
  signal: [],
  dnsRedirects: [],
  connectRedirects: [],
};

function request(command: string, args: string[], events: OperationEvent[], out: Buffer[]): RunRequest {
  return {
    sessionId: 's1',
    commandId: 'cmd-1',
    command,
    args,
    env: { PATH: '/usr/bin:/bin' },
    cwd: '/',
    timeoutMs: 10_000,
    onStdout: (c) => out.push(c),
    onStderr: () => {},
    onEvent: (e) => events.push(e),
  };
}

describe.runIf(process.platform === 'linux')('traced runner', () => {
  const runner = createTracedRunner({
    tableFor: () => table,
    quarantineFor: () => join(dir, '.quarantine'),
    approvals: new ApprovalManager(),
    readiness: () => ({ ok: true }),
  });

  it('runs a command under the tracer, passes output and reports a blocked create', async () => {
    const events: OperationEvent[] = [];
    const out: Buffer[] = [];
    const result = await runner.run(
      request('sh', ['-c', `echo hi; echo x > ${dir}/forbidden || echo denied`], events, out),
    );
    expect(result.exitCode).toBe(0);
    expect(Buffer.concat(out).toString()).toBe('hi\ndenied\n');
    const blocked = events.find((e) => e.path === `${dir}/forbidden`);
    expect(blocked).toMatchObject({
      type: 'file_create',
      policy: { effective_decision: 'deny', rule: 'protect-dir' },
    });
  });

  it('answers a command refused at its own execve with 126 and the rule, and a missing one with 127', async () => {
    const events: OperationEvent[] = [];
    const err: Buffer[] = [];
    const refused = await runner.run({
      ...request('nsenter', ['--help'], events, []),
      onStderr: (c) => err.push(c),
    });
    expect(refused.exitCode).toBe(126);
    expect(Buffer.concat(err).toString()).toContain('(rule=no-nsenter)');
    expect(events[0]).toMatchObject({ type: 'process_exec', policy: { rule: 'no-nsenter' } });
    const missing = await runner.run(request('/nonexistent/agentsh-test-cmd', [], [], []));
    expect(missing.exitCode).toBe(127);
  });

  it('kills a running command', async () => {
    const pending = runner.run(request('sleep', ['5'], [], []));
    await new Promise((r) => setTimeout(r, 300));
    expect(runner.kill('cmd-1', 'SIGKILL')).toBe(true);
    const result = await pending;
    expect(result.signal).toBe('SIGKILL');
  });
});

describe('network plumbing of the traced runner', () => {
  it('passes the proxy listeners as the dns option (IPv4 required, IPv6 optional)', () => {
    expect(
      dnsOption([
        { host: '127.0.0.1', port: 5300 },
        { host: '::1', port: 5301 },
      ]),
    ).toEqual({
      host: '127.0.0.1',
      port: 5300,
      host6: '::1',
      port6: 5301,
    });
    expect(dnsOption([{ host: '::1', port: 5301 }])).toBeUndefined();
  });

  it('maps tracer network decisions to net_connect events', () => {
    const e = netEvent({
      type: 'network',
      pid: 7,
      tid: 7,
      depth: 0,
      syscall: 'connect',
      decision: 'deny',
      effective: 'deny',
      rule: 'deny-private',
      family: 'inet6',
      address: '2001:db8::1',
      port: 443,
      names: ['x.example'],
      operation: 'connect',
    });
    expect(e).toMatchObject({
      type: 'net_connect',
      remote: '[2001:db8::1]:443',
      domain: 'x.example',
      policy: { effective_decision: 'deny', rule: 'deny-private' },
      fields: { blocked: true, port: 443 },
    });
  });

  it('maps IP bind and listen decisions to net_bind and net_listen', () => {
    const base = {
      type: 'network',
      pid: 7,
      tid: 7,
      depth: 0,
      decision: 'allow',
      effective: 'allow',
    } as const;
    const where = {
      rule: 'allow-local',
      family: 'inet',
      address: '127.0.0.1',
      port: 3000,
      names: [],
    } as const;
    const bind = netEvent({ ...base, ...where, names: [], syscall: 'bind', operation: 'bind' });
    const listen = netEvent({ ...base, ...where, names: [], syscall: 'listen', operation: 'listen' });
    expect([bind.type, listen.type]).toEqual(['net_bind', 'net_listen']);
    expect(listen).toMatchObject({ remote: '127.0.0.1:3000', operation: 'listen' });
  });
});

describe.runIf(process.platform === 'linux')('traced runner with a session DNS proxy', () => {
  it('loads known names at spawn and feeds new ones to running commands of the session only', async () => {
    let asked = 0;
    const runner = createTracedRunner({
      tableFor: () => table,
      quarantineFor: () => join(dir, '.quarantine'),
      approvals: new ApprovalManager(),
      readiness: () => ({ ok: true }),
      dnsFor: () => {
        asked++;
        return {
          dns: { host: '127.0.0.1', port: 5353 },
          names: [{ address: '192.0.2.1', names: ['known.example'], ttl: 60 }],
        };
      },
    });
    const events: OperationEvent[] = [];
    const pending = runner.run({ ...request('sleep', ['0.5'], events, []), commandId: 'dns-1' });
    await new Promise((r) => setTimeout(r, 200));
    await runner.addNames('s1', [{ address: '192.0.2.2', names: ['new.example'], ttl: 30 }]);
    await runner.addNames('other-session', [{ address: '192.0.2.3', names: ['x.example'], ttl: 30 }]);
    const result = await pending;
    expect(result.exitCode).toBe(0);
    expect(asked).toBe(1);
  });
});

const qos = cpuLatencyTarget();
describe.runIf(process.platform === 'linux' && process.getuid?.() === 0 && qos !== undefined)(
  'traced runner with idle polling (sandbox.ptrace.performance.idle_polling)',
  () => {
    it('holds a 0 µs CPU wake-up latency while a command runs, and gives it back', async () => {
      const runner = createTracedRunner({
        tableFor: () => table,
        quarantineFor: () => join(dir, '.quarantine'),
        approvals: new ApprovalManager(),
        readiness: () => ({ ok: true }),
        idlePolling: true,
      });
      const pending = runner.run(request('sleep', ['0.5'], [], []));
      await new Promise((r) => setTimeout(r, 250));
      expect(cpuLatencyTarget()).toBe(0);
      expect((await pending).exitCode).toBe(0);
      expect(cpuLatencyTarget()).toBe(qos);
    });
  },
);
