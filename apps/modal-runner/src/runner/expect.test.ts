import { describe, expect, it } from 'vitest';
import { judge } from './expect';

describe('judge (tests.py v0.16.1 rules)', () => {
  it('success means exit 0 and nothing else', () => {
    expect(judge({ kind: 'success' }, { exitCode: 0, output: 'denied' }).pass).toBe(true);
    expect(judge({ kind: 'success' }, { exitCode: 1, output: 'ok' }).pass).toBe(false);
  });

  it('blocked passes on a non-zero exit', () => {
    expect(
      judge({ kind: 'blocked' }, { exitCode: 126, output: 'agentsh: command denied by policy' }),
    ).toEqual({
      pass: true,
      why: 'exit 126',
    });
    expect(judge({ kind: 'blocked' }, { exitCode: 7, output: '' })).toEqual({
      pass: true,
      why: 'exit 7 (no agentsh denial in output)',
    });
  });

  it('blocked passes on exit 0 when any marker appears, case-insensitively', () => {
    for (const output of [
      'agentsh: command DENIED by policy',
      'Blocked',
      'Permission denied',
      'bash: docker: command not found',
      'Connection refused',
      'Network is unreachable',
      'curl: (6) Could not resolve host',
      'Temporary failure in name resolution',
      'Operation not permitted',
      'Killed',
    ])
      expect(judge({ kind: 'blocked' }, { exitCode: 0, output }).pass).toBe(true);
  });

  it('blocked fails on exit 0 with clean output', () => {
    expect(judge({ kind: 'blocked' }, { exitCode: 0, output: 'HTTP/2 200' })).toEqual({
      pass: false,
      why: 'exit 0, no blocked marker',
    });
  });

  it('blocked uses a suite\'s own markers when given (example.py counts "400")', () => {
    expect(judge({ kind: 'blocked', markers: ['400'] }, { exitCode: 0, output: 'HTTP 400' }).pass).toBe(true);
    expect(judge({ kind: 'blocked', markers: ['400'] }, { exitCode: 0, output: 'refused' }).pass).toBe(false);
  });

  it('session passes only when an id is found, and reports it', () => {
    const out = 'Session session-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b started\n';
    expect(judge({ kind: 'session' }, { exitCode: 0, output: out })).toEqual({
      pass: true,
      why: 'session-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    });
    expect(judge({ kind: 'session' }, { exitCode: 1, output: 'connection refused' }).pass).toBe(false);
  });

  it('contains and nonEmpty look at the output', () => {
    expect(judge({ kind: 'contains', text: 'events.db' }, { exitCode: 2, output: 'x events.db' }).pass).toBe(
      true,
    );
    expect(judge({ kind: 'contains', text: 'a', exitZero: true }, { exitCode: 2, output: 'a' }).pass).toBe(
      false,
    );
    expect(judge({ kind: 'nonEmpty' }, { exitCode: 1, output: '  \n' }).pass).toBe(false);
    expect(judge({ kind: 'nonEmpty' }, { exitCode: 0, output: 'ptrace tracer started' }).pass).toBe(true);
  });

  it("deniedByAgentsh needs agentsh's denial, not a network failure", () => {
    expect(judge({ kind: 'deniedByAgentsh' }, { exitCode: 7, output: 'Network is unreachable' }).pass).toBe(
      false,
    );
    expect(
      judge({ kind: 'deniedByAgentsh' }, { exitCode: 7, output: 'connect: Permission denied' }).pass,
    ).toBe(true);
  });

  it('redacted fails when the secret shows, or when the command did not run', () => {
    const e = { kind: 'redacted', secret: 'AKIAIOSFODNN7EXAMPLE', shown: 'key=' } as const;
    expect(judge(e, { exitCode: 0, output: 'key=AKIAIOSFODNN7EXAMPLE' }).pass).toBe(false);
    expect(judge(e, { exitCode: 0, output: 'key=[REDACTED:AWS_KEY]' }).pass).toBe(true);
    expect(judge(e, { exitCode: 1, output: 'no session' }).pass).toBe(false);
  });
});
