import { RunnerError } from '../errors';
import type { Suite } from './check';

/**
 * Keeps only the listed checks (ids like T16, A04), plus the check that creates the session when any kept
 * check needs one. Unknown ids are an error, so a typo cannot turn into an empty, passing run.
 */
export function selectChecks(suite: Suite, ids: readonly string[]): Suite {
  const wanted = new Set(ids.map((id) => id.trim().toUpperCase()).filter((id) => id !== ''));
  const unknown = [...wanted].filter((id) => !suite.checks.some((c) => c.id === id));
  if (unknown.length > 0)
    throw new RunnerError('RUNNER_REPORT', `--only: no check ${unknown.join(', ')} in suite ${suite.name}`);
  const needSession = suite.checks.some((c) => wanted.has(c.id) && c.needsSession);
  const checks = suite.checks.filter((c) => wanted.has(c.id) || (needSession && c.expect.kind === 'session'));
  return { ...suite, checks };
}
