import type { Sandbox } from '../providers/types';
import { type Check, renderCommand } from '../suites/check';
import { judge } from './expect';
import { type CheckResult, failed, OUTPUT_LIMIT } from './results';

export interface CheckEvents {
  onSection?(section: string, narration: string | undefined): void;
  onResult?(result: CheckResult): void;
}

export interface RunChecksOptions {
  readonly sandbox: Sandbox | undefined;
  /** Why there is no sandbox (every check fails with it). */
  readonly unavailable: string | undefined;
  /** Why the daemon is not running, when it is not. */
  readonly daemonDown: string | undefined;
  readonly deadline: number;
  readonly events: CheckEvents;
}

async function runOne(c: Check, sandbox: Sandbox, sessionId: string): Promise<CheckResult> {
  const command = renderCommand(c, sessionId);
  const started = Date.now();
  try {
    const r = await sandbox.exec(command, { timeoutMs: c.timeoutMs ?? 30_000 });
    const output = `${r.stdout}${r.stderr}`;
    const verdict = r.timedOut
      ? { pass: false, why: 'timed out' }
      : judge(c.expect, { exitCode: r.exitCode, output });
    const { id, section, name, origin } = c;
    const base = {
      id,
      section,
      name,
      origin,
      command,
      exitCode: r.exitCode,
      durationMs: Date.now() - started,
    };
    return { ...base, ...verdict, output: output.slice(0, OUTPUT_LIMIT) };
  } catch (err) {
    return failed(c, command, `sandbox error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function precondition(c: Check, o: RunChecksOptions, sessionId: string | undefined): string | undefined {
  if (!o.sandbox) return `not run: ${o.unavailable ?? 'no sandbox'}`;
  if (Date.now() > o.deadline) return 'not run: the suite ran out of its time budget';
  if (c.needsDaemon && o.daemonDown) return `not run: ${o.daemonDown}`;
  if (c.needsSession && !sessionId)
    return `no agentsh session${o.daemonDown ? `: ${o.daemonDown}` : ' (session create failed)'}`;
  return undefined;
}

/** Runs checks in order; a check that cannot run (no sandbox, no session, no time) fails, never skips. */
export async function runChecks(checks: readonly Check[], o: RunChecksOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let sessionId: string | undefined;
  let section: string | undefined;
  for (const c of checks) {
    if (c.section !== section) o.events.onSection?.(c.section, c.narration);
    section = c.section;
    const blocker = precondition(c, o, sessionId);
    const result =
      blocker || !o.sandbox
        ? failed(c, renderCommand(c, sessionId ?? '{sid}'), blocker ?? '')
        : await runOne(c, o.sandbox, sessionId ?? '');
    if (c.expect.kind === 'session' && result.pass) sessionId = result.why;
    results.push(result);
    o.events.onResult?.(result);
  }
  return results;
}
