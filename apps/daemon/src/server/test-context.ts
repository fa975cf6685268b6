import { createDaemonMetrics } from '../metrics/registry';
import { SessionManager } from '../sessions/manager';
import type { AppContext, DaemonEvent } from './context';

/** An in-process AppContext for route tests, recording the events it is given. */
export function testContext(overrides: Partial<AppContext> = {}): AppContext & { events: DaemonEvent[] } {
  const events: DaemonEvent[] = [];
  const ctx: AppContext = {
    paths: { health: '/health', ready: '/ready', metrics: '/metrics', metricsEnabled: true },
    auth: { type: 'none', headerName: 'X-API-Key', keys: new Map() },
    metrics: createDaemonMetrics(),
    sessions: new SessionManager({
      maxSessions: 100,
      defaultTimeoutMs: 3_600_000,
      defaultIdleTimeoutMs: 900_000,
      resolveRoots: (workspace) => ({ projectRoot: workspace }),
    }),
    defaultPolicy: 'default',
    hasPolicy: (name) => name === 'default' || name === 'strict',
    readiness: () => ({ ready: true }),
    emit: (e) => events.push({ ...e, id: `evt-${events.length}`, timestamp: new Date(0).toISOString() }),
    ...overrides,
  };
  return Object.assign(ctx, { events });
}
