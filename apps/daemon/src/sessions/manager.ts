import { DaemonError } from '../errors';
import { isValidSessionId, newSessionId } from './ids';
import type { SessionRecord, SessionView } from './session';

export interface SessionRoots {
  projectRoot: string;
  gitRoot?: string;
}

export interface SessionManagerOptions {
  maxSessions: number;
  defaultTimeoutMs: number;
  defaultIdleTimeoutMs: number;
  /** finds PROJECT_ROOT and GIT_ROOT for a workspace (injected: it reads the file system) */
  resolveRoots: (workspace: string) => SessionRoots;
  now?: () => number;
}

export interface CreateSessionInput {
  id?: string;
  workspace: string;
  policy: string;
}

export type ExpiryReason = 'session_timeout' | 'idle_timeout';

/** In-memory sessions with agentsh's ids, limits and timeouts. */
export class SessionManager {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly opts: SessionManagerOptions;
  private readonly now: () => number;

  constructor(opts: SessionManagerOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
  }

  create(input: CreateSessionInput): SessionRecord {
    const id = input.id ?? newSessionId();
    if (!isValidSessionId(id)) throw new DaemonError('DAEMON_BAD_REQUEST', `invalid session id: ${id}`);
    if (this.sessions.has(id)) throw new DaemonError('DAEMON_CONFLICT', 'session already exists');
    if (this.sessions.size >= this.opts.maxSessions) {
      throw new DaemonError('DAEMON_LIMIT', `max sessions reached (${this.opts.maxSessions})`);
    }
    const roots = this.opts.resolveRoots(input.workspace);
    const at = this.now();
    const view: SessionView = {
      id,
      state: 'ready',
      created_at: new Date(at).toISOString(),
      workspace: input.workspace,
      policy: input.policy,
      cwd: input.workspace,
      project_root: roots.projectRoot,
      ...(roots.gitRoot ? { git_root: roots.gitRoot } : {}),
    };
    const record: SessionRecord = {
      view,
      env: new Map(),
      createdAtMs: at,
      lastActivityMs: at,
      expiresAtMs: at + this.opts.defaultTimeoutMs,
      idleTimeoutMs: this.opts.defaultIdleTimeoutMs,
    };
    this.sessions.set(id, record);
    return record;
  }

  get(id: string): SessionRecord {
    const record = this.sessions.get(id);
    if (!record) throw new DaemonError('DAEMON_NOT_FOUND', 'session not found');
    return record;
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  list(): SessionRecord[] {
    return [...this.sessions.values()];
  }

  touch(id: string): void {
    this.get(id).lastActivityMs = this.now();
  }

  destroy(id: string): SessionRecord {
    const record = this.get(id);
    this.sessions.delete(id);
    return record;
  }

  /** Removes and returns the sessions whose absolute or idle timeout has passed. */
  reap(): { record: SessionRecord; reason: ExpiryReason }[] {
    const at = this.now();
    const expired: { record: SessionRecord; reason: ExpiryReason }[] = [];
    for (const record of this.sessions.values()) {
      const reason = expiryReason(record, at);
      if (reason) expired.push({ record, reason });
    }
    for (const { record } of expired) this.sessions.delete(record.view.id);
    return expired;
  }

  get size(): number {
    return this.sessions.size;
  }
}

function expiryReason(record: SessionRecord, at: number): ExpiryReason | undefined {
  if (at >= record.expiresAtMs) return 'session_timeout';
  if (record.idleTimeoutMs > 0 && at - record.lastActivityMs >= record.idleTimeoutMs) return 'idle_timeout';
  return undefined;
}
