import { describe, expect, it } from 'vitest';
import { allPassed, headerLines, jsonReport, progressLine, setupLine, summaryLines } from './report';
import type { CheckResult, SuiteRun } from './results';

const result = (id: string, section: string, pass: boolean): CheckResult => ({
  id,
  section,
  name: `check ${id}`,
  origin: id.startsWith('A') ? 'agentsh-ts' : 'tests.py',
  command: 'true',
  pass,
  why: pass ? 'exit 0' : 'exit 1',
  exitCode: pass ? 0 : 1,
  output: '',
  durationMs: 1500,
});

const run: SuiteRun = {
  suite: 'test',
  title: 'title',
  provider: 'local',
  providerReason: '--provider',
  isolated: false,
  warning: 'WARNING: NO ISOLATION',
  startedAt: '2026-11-27T00:00:00.000Z',
  durationMs: 4200,
  setup: [{ step: 'start agentsh server', ok: false, detail: 'exited\nerror: boom' }],
  results: [
    result('T01', 'Daemon & API', true),
    result('T02', 'Daemon & API', false),
    result('A01', 'ours', true),
  ],
  info: ['denied/blocked lines in server log: 3'],
  verdicts: ['ptrace enforcement: SUPPORTED'],
};

describe('report', () => {
  it('starts with the no-isolation warning on the local provider', () => {
    expect(headerLines(run)[0]).toBe('WARNING: NO ISOLATION');
    expect(headerLines({ ...run, warning: undefined })[0]).toBe('title');
  });

  it('prints one progress line per check', () => {
    expect(progressLine(result('T02', 'x', false))).toBe('  [T02] FAIL  check T02  (1.5 s; exit 1)');
  });

  it('shows a failed setup step with its detail', () => {
    expect(setupLine(run.setup[0] ?? { step: '', ok: true, detail: '' })).toBe(
      '  setup: FAILED start agentsh server - exited\n         | error: boom',
    );
  });

  it("summarises by section and origin, lists failures, ends with tests.py's line", () => {
    const text = summaryLines(run).join('\n');
    expect(text).toMatch(/Daemon & API\s+1\/2\s+1/);
    expect(text).toMatch(/checks from agentsh-ts\s+1\/1/);
    expect(text).toContain('[T02] Daemon & API / check T02: exit 1');
    expect(text).toContain('denied/blocked lines in server log: 3');
    expect(text).toContain('\nptrace enforcement: SUPPORTED\n');
    expect(summaryLines(run).at(-1)).toBe('Tests passed: 2 / 3');
  });

  it('writes a JSON report with a summary', () => {
    const json = JSON.parse(jsonReport(run)) as { summary: unknown; ok: boolean; results: unknown[] };
    expect(json.summary).toEqual({ passed: 2, failed: 1, total: 3 });
    expect(json.ok).toBe(false);
    expect(json.results).toHaveLength(3);
  });

  it('counts a run as passed only when every check passed', () => {
    expect(allPassed(run)).toBe(false);
    expect(allPassed({ ...run, results: run.results.filter((r) => r.pass) })).toBe(true);
    expect(allPassed({ ...run, results: [] })).toBe(false);
  });
});
