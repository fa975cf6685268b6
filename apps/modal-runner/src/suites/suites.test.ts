import { describe, expect, it } from 'vitest';
import { renderCommand } from './check';
import { SUITE_BY_NAME } from './registry';
import { TESTS_PY_CHECKS } from './tests-py';

describe('suites', () => {
  it('carries all 41 checks of tests.py v0.16.1 in order, sections as counted there', () => {
    expect(TESTS_PY_CHECKS).toHaveLength(41);
    const count = (section: string) => TESTS_PY_CHECKS.filter((c) => c.section === section).length;
    expect([count('Daemon & API'), count('Version'), count('agentsh exec')]).toEqual([6, 2, 3]);
    expect([count('DNS allow'), count('DNS deny'), count('Metadata'), count('DNS redirect')]).toEqual([
      4, 3, 2, 1,
    ]);
    expect([count('Command deny'), count('Command allow'), count('File allow'), count('File deny')]).toEqual([
      4, 5, 4, 3,
    ]);
    expect([count('CIDR'), count('Audit')]).toEqual([2, 2]);
    expect(TESTS_PY_CHECKS[3]?.name).toBe('Session created');
    expect([...new Set(TESTS_PY_CHECKS.map((c) => c.section))]).toEqual([
      'Daemon & API',
      'Version',
      'agentsh exec',
      'DNS allow',
      'DNS deny',
      'Metadata',
      'DNS redirect',
      'Command deny',
      'Command allow',
      'File allow',
      'File deny',
      'CIDR',
      'Audit',
    ]);
  });

  it('wraps exec checks like run_exec_test, pipes belonging to the outer shell', () => {
    const curl = TESTS_PY_CHECKS.find((c) => c.name === 'curl github.com');
    expect(curl && renderCommand(curl, 'session-x')).toBe(
      'agentsh exec session-x -- curl -sI --connect-timeout 10 https://github.com 2>&1 | head -1 2>&1',
    );
    const info = TESTS_PY_CHECKS.find((c) => c.name === 'Session info');
    expect(info && renderCommand(info, 'session-x')).toBe(
      'agentsh session info session-x 2>&1 | head -c 200',
    );
  });

  it('makes every agentsh exec check depend on a session', () => {
    for (const suite of Object.values(SUITE_BY_NAME))
      for (const c of suite.checks)
        if (c.via === 'exec' || c.command.includes('{sid}')) expect(c.needsSession).toBe(true);
  });

  it('gives every check a unique id and the test suite our additions', () => {
    for (const suite of Object.values(SUITE_BY_NAME)) {
      const ids = suite.checks.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const ours = SUITE_BY_NAME.test.checks
      .filter((c) => c.origin === 'agentsh-ts')
      .map((c) => c.name)
      .join('\n');
    for (const topic of [
      'child process',
      'DNS over TCP',
      'IPv4-mapped',
      'approve',
      'soft delete',
      'DLP',
      'audit',
    ])
      expect(ours).toContain(topic);
  });
});
