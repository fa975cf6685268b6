import { describe, expect, it } from 'vitest';
import { buildImageSpec } from '../image/spec';
import type { Suite } from '../suites/check';
import { TEST_SUITE } from '../suites/test-suite';
import { createFakeProvider, type FakeAnswer } from './fake-provider';
import { allPassed } from './report';
import { runSuite } from './run-suite';

const SID = 'session-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const spec = buildImageSpec({ upload: false });

/** A sandbox where the daemon answers and agentsh enforces, decided from the command text. */
const healthy: FakeAnswer = (cmd) => {
  if (cmd.includes('approve resolve')) return { exitCode: 0, stdout: 'ok\nAPPROVED_CONTENT=1\n' };
  if (cmd.includes('session create')) return { exitCode: 0, stdout: `Session ${SID} started\n` };
  if (
    /evil|metadata|sudo|nsenter|su root|docker|hack|environ|10\.0\.0\.1|192\.168|169\.254|NOERROR/.test(cmd)
  )
    return { exitCode: 1, stdout: 'agentsh: command denied by policy (rule=x); Permission denied' };
  if (cmd.includes('127.0.0.1:18080/health')) return { exitCode: 0, stdout: 'healthy after 1 s' };
  if (cmd.includes('dig +tcp +short')) return { exitCode: 0, stdout: '127.77.1.1\n' };
  if (cmd.includes('httpbin.org')) return { exitCode: 0, stdout: 'stand-in for httpbin.org/get\n' };
  if (cmd.includes('AKIA')) return { exitCode: 0, stdout: 'key=[REDACTED]\n' };
  if (cmd.includes('ptrace') || cmd.includes('events.db')) return { exitCode: 0, stdout: 'events.db ptrace' };
  if (cmd.includes('quarantine')) return { exitCode: 0, stdout: 'quarantined\n' };
  return { exitCode: 0, stdout: 'ok\n' };
};

async function run(answer: FakeAnswer, over: Partial<Parameters<typeof runSuite>[0]> = {}) {
  const provider = createFakeProvider(answer);
  const lines: string[] = [];
  const result = await runSuite({
    suite: TEST_SUITE,
    provider,
    providerReason: 'test',
    spec,
    budgetMs: 60_000,
    healthTries: 1,
    events: { onResult: (r) => lines.push(`${r.id} ${r.pass}`) },
    ...over,
  });
  return { result, provider, lines };
}

describe('runSuite with a fake provider', () => {
  it('passes every check when the sandbox behaves like agentsh, and reports progress live', async () => {
    const { result, provider, lines } = await run(healthy);
    expect(result.results.filter((r) => !r.pass).map((r) => `${r.id} ${r.why}`)).toEqual([]);
    expect(allPassed(result)).toBe(true);
    expect(lines).toHaveLength(TEST_SUITE.checks.length);
    expect(provider.commands).toContain(`agentsh exec ${SID} -- echo 'hello from ptrace' 2>&1`);
    expect(provider.writes).toContain('/etc/agentsh/config.yaml');
    expect(provider.terminated).toBe(1);
  });

  it('fails (never skips) every session check when the daemon is missing', async () => {
    const { result } = await run((cmd) =>
      cmd.includes('kill -0') ? { exitCode: 2, stdout: 'agentsh server exited' } : healthy(cmd),
    );
    const daemon = result.setup.find((s) => s.step.includes('agentsh server'));
    expect(daemon).toMatchObject({ ok: false, detail: 'agentsh server exited' });
    const exec = result.results.filter((r) => r.id >= 'T09' && r.id <= 'T39');
    expect(exec.every((r) => !r.pass && r.why.includes('agentsh server is not running'))).toBe(true);
    expect(result.results.find((r) => r.name === 'Metrics endpoint')).toMatchObject({ pass: false });
    expect(allPassed(result)).toBe(false);
  });

  it('fails every check with the reason when the sandbox cannot be created', async () => {
    const provider = createFakeProvider(healthy, { failCreate: 'runsc is missing' });
    const result = await runSuite({
      suite: TEST_SUITE,
      provider,
      providerReason: 't',
      spec,
      budgetMs: 60_000,
      events: {},
    });
    expect(result.results.every((r) => !r.pass && r.why === 'not run: runsc is missing')).toBe(true);
  });

  it('fails the checks left when the time budget runs out', async () => {
    const { result } = await run(healthy, { budgetMs: -1 });
    expect(result.results.every((r) => r.why === 'not run: the suite ran out of its time budget')).toBe(true);
  });

  it('judges what the sandbox answered: an allowed evil.com fails its check', async () => {
    const leaky: FakeAnswer = (cmd) =>
      cmd.includes('https://evil.com') ? { exitCode: 0, stdout: 'HTTP/2 200' } : healthy(cmd);
    const { result } = await run(leaky);
    expect(result.results.filter((r) => !r.pass).map((r) => r.name)).toEqual(['curl evil.com']);
  });

  it('does not start the daemon for a suite that does not need it', async () => {
    const suite: Suite = { ...TEST_SUITE, startsDaemon: false, checks: TEST_SUITE.checks.slice(6, 7) };
    const { result, provider } = await run(healthy, { suite });
    expect(provider.commands.some((c) => c.includes('agentsh server'))).toBe(false);
    expect(result.results).toHaveLength(1);
  });
});

describe('suite verdicts', () => {
  it('concludes from the listed checks only', async () => {
    const { DETECT_SUITE } = await import('../suites/detect-suite');
    const answer: FakeAnswer = (cmd) => {
      if (cmd.includes('ptrace SEIZE')) return { exitCode: 0, stdout: 'RESULT: ptrace SEIZE supported\n' };
      if (cmd.includes('evil.com')) return { exitCode: 0, stdout: 'Resolved: 127.77.2.1' };
      return healthy(cmd);
    };
    const { result } = await run(answer, { suite: DETECT_SUITE });
    expect(result.verdicts).toContain('ptrace enforcement: SUPPORTED');
    expect(result.verdicts).toContain('DNS allow/block through agentsh: NOT ENFORCED');
  });
});
