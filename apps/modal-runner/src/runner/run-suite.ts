import { SERVER_LOG } from '../image/files';
import type { ImageSpec } from '../image/spec';
import type { Provider, Sandbox } from '../providers/types';
import { startStandins } from '../standins/start';
import type { Suite } from '../suites/check';
import { startDaemon } from './daemon';
import { prepareSandbox } from './prepare';
import type { CheckResult, SetupStep, SuiteRun } from './results';
import { type CheckEvents, runChecks } from './run-checks';

export interface RunSuiteOptions {
  readonly suite: Suite;
  readonly provider: Provider;
  readonly providerReason: string;
  /** The spec, or why it could not be built (every check then fails with that reason). */
  readonly spec: ImageSpec | Error;
  readonly budgetMs: number;
  readonly events: CheckEvents & { onSetup?(step: SetupStep): void };
  /** Health polls before giving up on the daemon (tests.py: 20, one a second). */
  readonly healthTries?: number;
}

const INFO_SCRIPT = [
  `echo "denied/blocked lines in server log: $(grep -i -c 'denied\\|blocked\\|DENY' ${SERVER_LOG} 2>/dev/null)"`,
  `grep -i -E 'denied|blocked|deny|allow|ptrace|dns|exec' ${SERVER_LOG} 2>/dev/null | tail -n 10`,
].join('\n');

async function step(
  steps: SetupStep[],
  o: RunSuiteOptions,
  name: string,
  work: () => Promise<string>,
): Promise<boolean> {
  let entry: SetupStep;
  try {
    entry = { step: name, ok: true, detail: await work() };
  } catch (err) {
    entry = { step: name, ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
  steps.push(entry);
  o.events.onSetup?.(entry);
  return entry.ok;
}

async function setUp(o: RunSuiteOptions, spec: ImageSpec, steps: SetupStep[]): Promise<Sandbox | undefined> {
  let sandbox: Sandbox | undefined;
  await step(steps, o, `create ${o.provider.name} sandbox`, async () => {
    sandbox = await o.provider.create(spec);
    return `${o.provider.name} sandbox running`;
  });
  if (!sandbox) return undefined;
  const sb = sandbox;
  await step(steps, o, 'write agentsh config, policy and CLI', async () => {
    await prepareSandbox(sb, spec);
    return `${spec.files.length} files written`;
  });
  await step(steps, o, 'start stand-in DNS and HTTP(S) servers', async () => {
    await startStandins(sb, spec);
    return 'stand-in internet up on 127.77.0.0/16';
  });
  return sandbox;
}

/** Creates the sandbox, sets it up, starts the daemon, runs every check, and always terminates the sandbox. */
export async function runSuite(o: RunSuiteOptions): Promise<SuiteRun> {
  const started = Date.now();
  const steps: SetupStep[] = [];
  const spec = o.spec;
  if (spec instanceof Error) steps.push({ step: 'image spec', ok: false, detail: spec.message });
  const sandbox = spec instanceof Error ? undefined : await setUp(o, spec, steps);
  const unavailable = sandbox ? undefined : (steps.find((s) => !s.ok)?.detail ?? 'no sandbox');
  let daemonDown: string | undefined;
  if (sandbox && o.suite.startsDaemon) {
    const status = await startDaemon(sandbox, o.healthTries);
    const entry = {
      step: 'start agentsh server and poll /health',
      ok: status.healthy,
      detail: status.detail,
    };
    steps.push(entry);
    o.events.onSetup?.(entry);
    if (!status.healthy) daemonDown = 'agentsh server is not running (see setup)';
  }
  const deadline = started + o.budgetMs;
  const results = await runChecks(o.suite.checks, {
    sandbox,
    unavailable,
    daemonDown,
    deadline,
    events: o.events,
  });
  const info = sandbox && o.suite.startsDaemon ? await collectInfo(sandbox) : [];
  await sandbox?.terminate().catch(() => undefined);
  return {
    suite: o.suite.name,
    title: o.suite.title,
    provider: o.provider.name,
    providerReason: o.providerReason,
    isolated: o.provider.isolated,
    warning: o.provider.warning,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    setup: steps,
    results,
    info,
    verdicts: verdictLines(o.suite, results),
  };
}

function verdictLines(suite: Suite, results: readonly CheckResult[]): string[] {
  return (suite.verdicts ?? []).map((v) => {
    const ok = v.checkIds.every((id) => results.find((r) => r.id === id)?.pass === true);
    return `${v.label}: ${ok ? v.yes : v.no}`;
  });
}

async function collectInfo(sandbox: Sandbox): Promise<string[]> {
  const r = await sandbox.exec(INFO_SCRIPT, { timeoutMs: 10_000 }).catch(() => undefined);
  return r ? r.stdout.split('\n').filter((line) => line.trim() !== '') : [];
}
