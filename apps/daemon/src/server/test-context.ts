import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditStore } from '@agentsh/audit';
import { ApprovalManager } from '../approvals/manager';
import { EventBus } from '../events/bus';
import { createEventRecorder } from '../events/recorder';
import type { ExecDeps } from '../exec/service';
import { createUntracedTestRunner } from '../exec/test-runner';
import { createDaemonMetrics } from '../metrics/registry';
import { PolicyStore } from '../policy/policy-store';
import { createSessionPolicy } from '../policy/session-policy';
import { SessionManager } from '../sessions/manager';
import { SessionRuntime } from '../sessions/runtime';
import type { AppContext, DaemonEvent } from './context';

/** A small policy for route tests: a few container-escape commands denied, the rest allowed. */
export const TEST_POLICY = `version: 1
name: default
command_rules:
  - name: block-container-escape
    commands: [sudo, su, nsenter, docker]
    decision: deny
    message: "Container escape attempt blocked: {{.Command}}"
  - name: allow-other-commands
    commands: ["*"]
    decision: allow
`;

function policyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agentsh-policies-'));
  writeFileSync(join(dir, 'default.yaml'), TEST_POLICY);
  writeFileSync(join(dir, 'strict.yaml'), 'version: 1\nname: strict\n');
  return dir;
}

/** An in-process AppContext for route tests (untraced runner, in-memory audit store). */
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
  const policies = new PolicyStore(policyDir());
  const runtime = new SessionRuntime(async (record) => ({
    policy: createSessionPolicy(policies.load(record.view.policy), {
      roots: { projectRoot: record.view.project_root ?? record.view.workspace },
      env: { PATH: '/usr/bin:/bin' },
      approvalsEnforced: false,
      configEnvInject: {},
    }),
    close: async () => {},
  }));
  const exec: ExecDeps = {
    precheck: (session, command, args) => runtime.get(session.view.id).policy.precheck(command, args),
    buildEnv: (session, extra) =>
      runtime.get(session.view.id).policy.buildEnv([Object.fromEntries(session.env), extra]),
    timeoutMs: () => 10_000,
    runner,
    newRedactor: () => ({ push: (chunk) => chunk.toString('utf8'), end: () => '' }),
    redactText: (text) => text.replaceAll('SECRET123', '[REDACTED:TEST]'),
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
    policies,
    runtime,
    readiness: () => ({ ready: true }),
    onUnexpectedError: (err) => {
      throw err;
    },
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
