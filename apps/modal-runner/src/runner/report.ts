import type { CheckResult, SetupStep, SuiteRun } from './results';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const pad = (text: string, width: number): string =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);

/** One live line per finished check. */
export function progressLine(r: CheckResult): string {
  return `  [${r.id}] ${r.pass ? 'PASS' : 'FAIL'}  ${r.name}  (${seconds(r.durationMs)}; ${r.why})`;
}

/** One line per setup step; a failed step shows its whole detail (e.g. the server log tail), indented. */
export function setupLine(s: SetupStep): string {
  const [first = '', ...rest] = s.detail.split('\n');
  const head = `  setup: ${s.ok ? 'ok    ' : 'FAILED'} ${s.step}${first ? ` - ${first}` : ''}`;
  return s.ok || rest.length === 0 ? head : [head, ...rest.map((line) => `         | ${line}`)].join('\n');
}

export function sectionLine(section: string, narration: string | undefined): string {
  return narration ? `\n== ${section}\n   ${narration}` : `\n== ${section}`;
}

/** The header every report starts with; for the local provider the no-isolation warning comes first. */
export function headerLines(
  run: Pick<SuiteRun, 'warning' | 'title' | 'provider' | 'providerReason'>,
): string[] {
  const lines = run.warning ? [run.warning, ''] : [];
  return [...lines, run.title, `provider: ${run.provider} (${run.providerReason})`];
}

function sectionRows(results: readonly CheckResult[]): string[] {
  const sections = [...new Set(results.map((r) => r.section))];
  return sections.map((section) => {
    const rows = results.filter((r) => r.section === section);
    const passed = rows.filter((r) => r.pass).length;
    return `  ${pad(section, 24)} ${pad(`${passed}/${rows.length}`, 7)} ${rows.length - passed}`;
  });
}

function totalsByOrigin(results: readonly CheckResult[]): string[] {
  const origins = [...new Set(results.map((r) => r.origin))];
  return origins.map((origin) => {
    const rows = results.filter((r) => r.origin === origin);
    return `  ${pad(`checks from ${origin}`, 24)} ${rows.filter((r) => r.pass).length}/${rows.length}`;
  });
}

/** The summary table printed at the end, failures listed with their reasons. */
export function summaryLines(run: SuiteRun): string[] {
  const passed = run.results.filter((r) => r.pass).length;
  const failures = run.results
    .filter((r) => !r.pass)
    .map((r) => `  [${r.id}] ${r.section} / ${r.name}: ${r.why}`);
  return [
    '',
    ...(run.warning ? [run.warning] : []),
    `Summary (${run.suite}, provider ${run.provider}, ${seconds(run.durationMs)})`,
    `  ${pad('Section', 24)} ${pad('Passed', 7)} Failed`,
    ...sectionRows(run.results),
    ...totalsByOrigin(run.results),
    ...(run.info.length
      ? ['', 'Server log (information, not counted):', ...run.info.map((l) => `  ${l}`)]
      : []),
    ...(failures.length ? ['', 'Failed checks:', ...failures] : []),
    ...(run.verdicts.length ? ['', ...run.verdicts] : []),
    '',
    `Tests passed: ${passed} / ${run.results.length}`,
  ];
}

/** The --json report. */
export function jsonReport(run: SuiteRun): string {
  const passed = run.results.filter((r) => r.pass).length;
  const summary = { passed, failed: run.results.length - passed, total: run.results.length };
  return `${JSON.stringify({ ...run, summary, ok: summary.failed === 0 }, null, 2)}\n`;
}

export function allPassed(run: SuiteRun): boolean {
  return run.results.length > 0 && run.results.every((r) => r.pass);
}
