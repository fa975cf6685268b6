/** How a check's outcome is judged (tests.py's rules, plus stricter ones for our additions). */
export type Expectation =
  /** exit 0 */
  | { readonly kind: 'success' }
  /** exit != 0, or the output carries one of the blocked markers (tests.py `expect="blocked"`) */
  | { readonly kind: 'blocked'; readonly markers?: readonly string[] }
  /** the output parses to a session id, which later checks use (tests.py's "Session created") */
  | { readonly kind: 'session' }
  /** some output at all (tests.py's "ptrace tracer active in server logs") */
  | { readonly kind: 'nonEmpty' }
  /** the output contains `text` (and, with `exitZero`, the command succeeded) */
  | { readonly kind: 'contains'; readonly text: string; readonly exitZero?: boolean }
  /** the denial must be agentsh's own (EACCES / policy message), not a network failure */
  | { readonly kind: 'deniedByAgentsh' }
  /** the command ran (output has `shown`) and the secret never left the sandbox unredacted */
  | { readonly kind: 'redacted'; readonly secret: string; readonly shown: string };

/** One check of a suite. `{sid}` in a command is replaced by the session id. */
export interface Check {
  readonly id: string;
  readonly section: string;
  readonly name: string;
  readonly command: string;
  /** `exec`: run as `agentsh exec {sid} -- COMMAND 2>&1`, as tests.py's run_exec_test does. */
  readonly via: 'bash' | 'exec';
  readonly expect: Expectation;
  /** A check that needs a session fails (never skips) when there is none. */
  readonly needsSession: boolean;
  /** A check that talks to the daemon (or reads what only it writes) fails when the daemon is not running. */
  readonly needsDaemon?: boolean;
  readonly origin: 'tests.py' | 'example.py' | 'detect.py' | 'agentsh-ts';
  readonly timeoutMs?: number;
  /** Printed before the check in narrated suites (example). */
  readonly narration?: string;
}

export interface Verdict {
  readonly label: string;
  readonly checkIds: readonly string[];
  readonly yes: string;
  readonly no: string;
}

export interface Suite {
  readonly name: 'test' | 'example' | 'detect';
  /** Modal app name agentsh-modal uses for this script. */
  readonly appName: string;
  readonly title: string;
  /** Whether the suite starts the daemon and creates a session before its checks. */
  readonly startsDaemon: boolean;
  readonly checks: readonly Check[];
  /** Conclusions printed after the summary (detect.py's "ptrace enforcement: SUPPORTED"): all listed checks passed. */
  readonly verdicts?: readonly Verdict[];
}

/** Builds a check; `via: 'exec'` checks need a session unless told otherwise. */
export function check(
  fields: Omit<Check, 'needsSession' | 'origin' | 'via'> &
    Partial<Pick<Check, 'needsSession' | 'origin' | 'via'>>,
): Check {
  const via = fields.via ?? 'bash';
  const needsSession = fields.needsSession ?? (via === 'exec' || fields.command.includes('{sid}'));
  return { ...fields, via, needsSession, origin: fields.origin ?? 'tests.py' };
}

/** The shell line a check runs, with the session id filled in. */
export function renderCommand(c: Check, sessionId: string): string {
  const body = c.command.split('{sid}').join(sessionId);
  return c.via === 'exec' ? `agentsh exec ${sessionId} -- ${body} 2>&1` : body;
}

/** An `agentsh exec {sid} -- COMMAND` check from tests.py. */
export function execCheck(section: string, name: string, command: string, expect: Expectation): Check {
  return check({ id: '', section, name, command, via: 'exec', expect });
}

/** `python3 -c "CODE"`, quoted as tests.py writes it. */
export function py(code: string): string {
  return `python3 -c "${code}"`;
}
