import { DaemonError } from '../errors';

export type Role = 'admin' | 'approver' | 'agent';

export interface AuthSettings {
  /** agentsh's auth.type; oidc and hybrid are not supported yet and refuse to start */
  type: 'none' | 'api_key';
  headerName: string;
  /** API key -> role */
  keys: ReadonlyMap<string, Role>;
}

/** Who is calling: the role of the key, or 'anonymous' when auth is off. */
export type Caller = { kind: 'anonymous' } | { kind: 'key'; role: Role };

/** Resolves the caller from request headers; throws 401 when a key is required and missing or unknown. */
export function authenticate(settings: AuthSettings, header: (name: string) => string | undefined): Caller {
  if (settings.type === 'none') return { kind: 'anonymous' };
  const key = header(settings.headerName);
  const role = key === undefined ? undefined : settings.keys.get(key);
  if (!role) throw new DaemonError('DAEMON_UNAUTHORIZED', 'unauthorized');
  return { kind: 'key', role };
}

/**
 * Approver and admin endpoints need a real approver: with auth off, agentsh answers 403 so that an
 * agent can never approve its own requests. We keep that rule.
 */
export function requireRole(caller: Caller, allowed: readonly Role[]): void {
  if (caller.kind === 'anonymous') {
    throw new DaemonError(
      'DAEMON_FORBIDDEN',
      'approvals endpoints require auth (set auth.type=api_key and use separate agent/approver keys)',
    );
  }
  if (!allowed.includes(caller.role)) throw new DaemonError('DAEMON_FORBIDDEN', 'forbidden');
}
