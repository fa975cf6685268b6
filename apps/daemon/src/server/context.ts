import type { ApprovalManager } from '../approvals/manager';
import type { AuthSettings } from '../auth/roles';
import type { EventBus } from '../events/bus';
import type { ExecDeps } from '../exec/service';
import type { DaemonMetrics } from '../metrics/registry';
import type { PolicyStore } from '../policy/policy-store';
import type { SessionManager } from '../sessions/manager';
import type { SessionRuntime } from '../sessions/runtime';
import type { AuditReadApi } from './routes/history';

/** Why the server is or is not ready (GET /ready answers "ready" only when `ready`). */
export interface Readiness {
  ready: boolean;
  reason?: string;
}

/** A daemon event, in agentsh's Event JSON shape (the audit store owns the full type). */
export interface DaemonEvent {
  id: string;
  timestamp: string;
  type: string;
  session_id: string;
  command_id?: string;
  pid?: number;
  /** the verdict, at the top level as agentsh stores it (indexed as policy_decision/policy_rule) */
  policy?: { decision: string; effective_decision: string; rule: string; message?: string };
  path?: string;
  domain?: string;
  remote?: string;
  operation?: string;
  fields?: Record<string, unknown>;
}

/** Paths from the server config (health.*, metrics.*). */
export interface HttpPaths {
  health: string;
  ready: string;
  metrics: string;
  metricsEnabled: boolean;
}

/** Everything the HTTP routes need, injected so tests can build an app in-process. */
export interface AppContext {
  paths: HttpPaths;
  auth: AuthSettings;
  metrics: DaemonMetrics;
  sessions: SessionManager;
  /** name of the policy new sessions get when the request names none */
  defaultPolicy: string;
  /** policies.dir */
  policies: Pick<PolicyStore, 'has' | 'list' | 'load' | 'fileOf'>;
  /** per-session policy engines (and later DNS proxies) */
  runtime: SessionRuntime;
  readiness: () => Readiness;
  /** called with errors the API answers as 500 (never shown to the caller) */
  onUnexpectedError: (err: unknown) => void;
  emit: (event: Omit<DaemonEvent, 'id' | 'timestamp'>) => void;
  exec: ExecDeps;
  approvals: ApprovalManager;
  bus: EventBus;
  audit: AuditReadApi;
}
