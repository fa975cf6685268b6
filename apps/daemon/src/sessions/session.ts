/** agentsh's session states (pkg/types). */
export type SessionState =
  | 'pending'
  | 'creating'
  | 'starting'
  | 'ready'
  | 'running'
  | 'busy'
  | 'paused'
  | 'stopping'
  | 'terminating'
  | 'completed'
  | 'failed'
  | 'timed_out'
  | 'killed';

/** A session as the API returns it (agentsh's JSON field names). */
export interface SessionView {
  id: string;
  state: SessionState;
  created_at: string;
  workspace: string;
  policy: string;
  cwd: string;
  project_root?: string;
  git_root?: string;
}

/** The daemon's record of a session: the view plus what only the server sees. */
export interface SessionRecord {
  view: SessionView;
  env: Map<string, string>;
  createdAtMs: number;
  lastActivityMs: number;
  /** absolute deadline (ms since epoch) after which the reaper destroys the session */
  expiresAtMs: number;
  idleTimeoutMs: number;
}
