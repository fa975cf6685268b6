import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type AuditStore, openAuditStore } from '@agentsh/audit';
import { detectProjectRoot, parseGoDuration, type ServerConfig } from '@agentsh/policy';
import type { PolicyTable } from '@agentsh/tracer';
import { ApprovalManager } from '../approvals/manager';
import { createDaemonDlp } from '../dlp/output-redactor';
import { nameMappings, startSessionDns } from '../dns/session-dns';
import { DaemonError } from '../errors';
import { EventBus } from '../events/bus';
import { createEventRecorder } from '../events/recorder';
import type { ExecDeps } from '../exec/service';
import { createTracedRunner, dnsOption } from '../exec/traced-runner';
import type { Logger } from '../log/logger';
import { createDaemonMetrics } from '../metrics/registry';
import { createRedirectTargets } from '../net/redirect-targets';
import { dnsResolveHost } from '../net/resolve-host';
import { PolicyStore } from '../policy/policy-store';
import { createSessionPolicy } from '../policy/session-policy';
import { compileSessionTable } from '../policy/table';
import { SessionManager } from '../sessions/manager';
import { applyPolicyTimeouts } from '../sessions/policy-timeouts';
import { SessionRuntime } from '../sessions/runtime';
import { authSettingsFrom } from './auth-keys';
import type { AppContext, Readiness } from './context';

const DEFAULT_COMMAND_TIMEOUT_MS = 5 * 60_000;

export interface BuildContextOptions {
  config: ServerConfig;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  readiness: () => Readiness;
  auditKey?: Buffer | undefined;
}

function ms(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : (parseGoDuration(text) ?? fallback);
}

function openStore(config: ServerConfig, key: Buffer | undefined): AuditStore {
  const path = config.audit.storage.sqlite_path;
  mkdirSync(dirname(path), { recursive: true });
  return openAuditStore({ path, ...(key ? { key } : {}) });
}

/** Wires config, policy, tracer, DLP, audit and sessions into the AppContext the routes use. */
export function buildContext(opts: BuildContextOptions): {
  ctx: AppContext;
  store: AuditStore;
  runtime: SessionRuntime;
  settled: () => Promise<void>;
} {
  const { config, logger, env } = opts;
  const approvalsEnforced = config.approvals.enabled;
  const auth = authSettingsFrom(config);
  if (approvalsEnforced && auth.type === 'none') {
    throw new DaemonError(
      'DAEMON_CONFIG',
      'approvals.enabled needs auth.type api_key with an approver key (nobody could approve otherwise)',
    );
  }
  const policies = new PolicyStore(config.policies.dir);
  policies.load(config.policies.default);
  const store = openStore(config, opts.auditKey);
  const bus = new EventBus();
  const metrics = createDaemonMetrics({ audit: () => store.stats() });
  const recorder = createEventRecorder({
    store,
    bus,
    metrics,
    onStoreError: (err) => logger.error('audit write failed', { error: String(err) }),
  });
  const emit: AppContext['emit'] = (event) => void recorder.record(event);
  const approvals = new ApprovalManager((view, end, waitedMs) => {
    metrics.approvalsTotal.inc({ kind: view.kind, outcome: end });
    metrics.approvalWait.observe({ kind: view.kind }, waitedMs / 1000);
  });
  const tables = new Map<string, PolicyTable>();
  const configInject = (config.sandbox as { env_inject?: Record<string, string> }).env_inject ?? {};
  const upstream = config.sandbox.network.dns_upstream;
  const upstreams = upstream === undefined ? undefined : typeof upstream === 'string' ? [upstream] : upstream;
  const runtime = new SessionRuntime(async (record) => {
    const roots = {
      projectRoot: record.view.project_root ?? record.view.workspace,
      ...(record.view.git_root ? { gitRoot: record.view.git_root } : {}),
    };
    const policy = policies.load(record.view.policy);
    applyPolicyTimeouts(record, policy.resource_limits);
    const sessionPolicy = createSessionPolicy(policy, {
      roots,
      env,
      approvalsEnforced,
      configEnvInject: configInject,
    });
    tables.set(record.view.id, compileSessionTable(policy, { roots, env, approvalsEnforced }));
    const sessionId = record.view.id;
    const dns = await startSessionDns({
      sessionId,
      engine: sessionPolicy.engine,
      upstreams,
      emit,
      // the tracers of the session's running commands learn the answer before the client sees it
      onAnswer: (m) => runner.addNames(sessionId, nameMappings(m)),
    });
    return {
      policy: sessionPolicy,
      dns,
      close: async () => {
        tables.delete(record.view.id);
        await dns.close();
      },
    };
  });
  const sessionsDir = config.sessions.base_dir;
  // one fence for every command of every session: any of them could re-arrange a shared directory;
  // a new daemon starts a new file (claims a killed predecessor's helpers left behind mean nothing)
  const fence = join(dirname(sessionsDir), 'tracer.fence');
  rmSync(fence, { force: true });
  const redirectTargets = createRedirectTargets({
    resolve: dnsResolveHost(upstreams),
    onUnresolved: (host) => logger.warn('connect redirect target does not resolve', { host }),
  });
  const runner = createTracedRunner({
    fence,
    idlePolling: config.sandbox.ptrace.performance.idle_polling,
    prepareTable: (table) => redirectTargets.prepare(table),
    dnsFor: (sid) => {
      const proxy = runtime.get(sid).dns;
      const dns = proxy ? dnsOption(proxy.addresses) : undefined;
      if (!proxy || !dns) return undefined;
      const names = [...proxy.ipMap.snapshot()].map(([address, n]) => ({ address, names: n, ttl: 60 }));
      return { dns, names };
    },
    tableFor: (sid) => {
      const table = tables.get(sid);
      if (!table) throw new DaemonError('DAEMON_NOT_FOUND', 'session not found');
      return table;
    },
    // agentsh keeps soft-deleted files under <data dir>/quarantine (agentsh-modal creates it)
    quarantineFor: (sid) => {
      const dir = join(dirname(sessionsDir), 'quarantine', sid);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return dir;
    },
    approvals,
    metrics,
    readiness: () => {
      const r = opts.readiness();
      return r.ready ? { ok: true } : { ok: false, reason: r.reason ?? 'tracer not ready' };
    },
  });
  const dlp = createDaemonDlp(config.dlp, (rule) => metrics.dlpRedactions.inc({ rule }));
  logger.info('dlp ready', { mode: config.dlp.mode ?? 'redact', engine: dlp.engine });
  const exec: ExecDeps = {
    precheck: (session, command, args) => runtime.get(session.view.id).policy.precheck(command, args),
    buildEnv: (session, extra) =>
      runtime.get(session.view.id).policy.buildEnv([Object.fromEntries(session.env), extra]),
    timeoutMs: (session, requested) => {
      const cap = ms(
        runtime.get(session.view.id).policy.policy.resource_limits?.command_timeout,
        DEFAULT_COMMAND_TIMEOUT_MS,
      );
      return Math.min(ms(requested, cap), cap);
    },
    runner,
    newRedactor: (session) => dlp.newRedactor(session.view.id),
    redactText: dlp.redactText,
    approvals,
    approvalTimeoutMs: ms(config.approvals.timeout, 5 * 60_000),
    emit,
    storeOutput: (o) => store.putOutput(o),
  };
  const sessions = new SessionManager({
    maxSessions: config.sessions.max_sessions,
    defaultTimeoutMs: ms(config.sessions.default_timeout, 3_600_000),
    defaultIdleTimeoutMs: ms(config.sessions.default_idle_timeout, 15 * 60_000),
    resolveRoots: (workspace) => {
      if (!config.policies.detect_project_root) return { projectRoot: workspace };
      const roots = detectProjectRoot(workspace, { markers: config.policies.project_markers });
      return { projectRoot: roots.projectRoot, ...(roots.gitRoot ? { gitRoot: roots.gitRoot } : {}) };
    },
  });
  const ctx: AppContext = {
    paths: {
      health: config.health.path,
      ready: config.health.readiness_path,
      metrics: config.metrics.path,
      metricsEnabled: config.metrics.enabled,
    },
    auth,
    metrics,
    sessions,
    defaultPolicy: config.policies.default,
    policies,
    runtime,
    readiness: opts.readiness,
    onUnexpectedError: (err) =>
      logger.error('request failed', {
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      }),
    emit,
    exec,
    approvals,
    bus,
    audit: store,
  };
  return { ctx, store, runtime, settled: recorder.settled };
}
