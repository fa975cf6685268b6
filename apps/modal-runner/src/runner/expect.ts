import type { Expectation } from '../suites/check';
import { parseSessionId } from './session-id';

/** tests.py v0.16.1: a "blocked" check passes on a non-zero exit or when the output has one of these. */
export const BLOCKED_MARKERS = [
  'denied',
  'blocked',
  'permission',
  'not found',
  'refused',
  'unreachable',
  'could not resolve',
  'name resolution',
  'operation not permitted',
  'killed',
] as const;

/** What agentsh itself prints or causes when it denies: policy messages, EACCES, NXDOMAIN. */
export const AGENTSH_DENY_MARKERS = [
  'denied',
  'blocked',
  'permission denied',
  'not permitted',
  'nxdomain',
] as const;

export interface Outcome {
  readonly exitCode: number;
  readonly output: string;
}

export interface Verdict {
  readonly pass: boolean;
  readonly why: string;
}

function hasMarker(output: string, markers: readonly string[]): string | undefined {
  const lower = output.toLowerCase();
  return markers.find((m) => lower.includes(m));
}

/** A non-zero exit passes, as in tests.py; the reason says when nothing shows agentsh was the one blocking. */
function blocked(o: Outcome, markers: readonly string[]): Verdict {
  if (o.exitCode !== 0) {
    const byAgentsh = hasMarker(o.output, AGENTSH_DENY_MARKERS) !== undefined;
    return {
      pass: true,
      why: byAgentsh ? `exit ${o.exitCode}` : `exit ${o.exitCode} (no agentsh denial in output)`,
    };
  }
  const marker = hasMarker(o.output, markers);
  return marker
    ? { pass: true, why: `output says "${marker}"` }
    : { pass: false, why: 'exit 0, no blocked marker' };
}

/** Judges a command's outcome against a check's expectation. */
export function judge(expect: Expectation, o: Outcome): Verdict {
  switch (expect.kind) {
    case 'success':
      return { pass: o.exitCode === 0, why: `exit ${o.exitCode}` };
    case 'blocked':
      return blocked(o, expect.markers ?? BLOCKED_MARKERS);
    case 'session': {
      const id = parseSessionId(o.output);
      return id
        ? { pass: true, why: id }
        : { pass: false, why: `no session id in output (exit ${o.exitCode})` };
    }
    case 'nonEmpty':
      return { pass: o.output.trim() !== '', why: o.output.trim() ? 'output present' : 'no output' };
    case 'contains': {
      const found = o.output.includes(expect.text) && (!expect.exitZero || o.exitCode === 0);
      return {
        pass: found,
        why: found ? `found "${expect.text}"` : `no "${expect.text}" (exit ${o.exitCode})`,
      };
    }
    case 'deniedByAgentsh': {
      const marker = hasMarker(o.output, AGENTSH_DENY_MARKERS);
      return marker
        ? { pass: true, why: `denied ("${marker}")` }
        : { pass: false, why: 'no agentsh denial in output' };
    }
    case 'redacted': {
      if (o.output.includes(expect.secret)) return { pass: false, why: 'secret appeared unredacted' };
      const ran = o.exitCode === 0 && o.output.includes(expect.shown);
      return { pass: ran, why: ran ? 'redacted' : `command did not run (exit ${o.exitCode})` };
    }
  }
}
