import { openAuditStore } from '@agentsh/audit';
import { ApprovalManager } from '../approvals/manager';
import { EventBus } from '../events/bus';
import { createEventRecorder } from '../events/recorder';
import type { ExecDeps } from '../exec/service';
import { createUntracedTestRunner } from '../exec/test-runner';
import type { PolicyVerdict } from '../exec/types';
import { createDaemonMetrics } from '../metrics/registry';
import { SessionManager } from '../sessions/manager';
import type { AppContext, DaemonEvent } from './context';

const BLOCKED = new Set(['sudo', 'su', 'nsenter', 'docker']);

/** A toy precheck for route tests: denies a few container-escape commands, allows the rest. */
function toyPrecheck(command: string): PolicyVerdict {
  return BLOCKED.has(command)
    ? { decision: 'deny', effective_decision: 'deny', rule: 'block-container-escape' }
    : { decision: 'allow', effective_decision: 'allow', rule: 'allow-other-commands' };
}

/** An in-process AppContext for route tests (untraced runner), recording the events it is given. */
export function testContext(overrides: Partial<AppContext> = {}): AppContext & {
  events: DaemonEvent[];
  runner: ReturnType<typeof createUntracedTestRunner>;
  flush: () => Promise<void>;
} {
  const events: DaemonEvent[] = [];
  const runner = createUntracedTestRunner();
  const approvals = new ApprovalManager();
  const bus = new EventBus();
  const metrics = createDaemonMetrics();
  const audit = openAuditStore({ path: ':memory:', journal: false, flushIntervalMs: 1 });
  const recorder = createEventRecorder({
    store: audit,
    bus,
    metrics,
    onStoreError: (err) => {
      throw err;
    },
  });
  const emit: AppContext['emit'] = (e) => {
    events.push(recorder.record(e));
  };
  const exec: ExecDeps = {
    precheck: (_session, command) => toyPrecheck(command),
    buildEnv: () => ({ PATH: '/usr/bin:/bin' }),
    timeoutMs: () => 10_000,
    runner,
    newRedactor: () => ({ push: (chunk) => chunk.toString('utf8'), end: () => '' }),
    approvals,
    approvalTimeoutMs: 1_000,
    emit,
    storeOutput: (o) => audit.putOutput(o),
  };
  const ctx: AppContext = {
    paths: { health: '/health', ready: '/ready', metrics: '/metrics', metricsEnabled: true },
    auth: { type: 'none', headerName: 'X-API-Key', keys: new Map() },
    metrics,
    sessions: new SessionManager({
      maxSessions: 100,
      defaultTimeoutMs: 3_600_000,
      defaultIdleTimeoutMs: 900_000,
      resolveRoots: (workspace) => ({ projectRoot: workspace }),
    }),
    defaultPolicy: 'default',
    hasPolicy: (name) => name === 'default' || name === 'strict',
    readiness: () => ({ ready: true }),
    emit,
    exec,
    approvals,
    bus,
    audit,
    ...overrides,
  };
  const flush = async () => {
    await recorder.settled();
    await audit.flush();
  };
  return Object.assign(ctx, { events, runner, flush });
}
