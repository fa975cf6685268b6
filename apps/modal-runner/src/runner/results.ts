import type { Check } from '../suites/check';

export interface CheckResult {
  readonly id: string;
  readonly section: string;
  readonly name: string;
  readonly origin: Check['origin'];
  readonly command: string;
  readonly pass: boolean;
  readonly why: string;
  readonly exitCode: number | undefined;
  /** stdout + stderr, cut to OUTPUT_LIMIT characters. */
  readonly output: string;
  readonly durationMs: number;
}

/** What happened before the checks: sandbox, stand-ins, daemon. */
export interface SetupStep {
  readonly step: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface SuiteRun {
  readonly suite: string;
  readonly title: string;
  readonly provider: string;
  readonly providerReason: string;
  readonly isolated: boolean;
  readonly warning: string | undefined;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly setup: readonly SetupStep[];
  readonly results: readonly CheckResult[];
  /** Not counted (tests.py prints them as information): denied count and recent decisions in the server log. */
  readonly info: readonly string[];
  /** The suite's conclusions, e.g. "ptrace enforcement: SUPPORTED". */
  readonly verdicts: readonly string[];
}

export const OUTPUT_LIMIT = 2000;

export function failed(c: Check, command: string, why: string): CheckResult {
  const { id, section, name, origin } = c;
  return {
    id,
    section,
    name,
    origin,
    command,
    pass: false,
    why,
    exitCode: undefined,
    output: '',
    durationMs: 0,
  };
}
