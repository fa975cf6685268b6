import { DaemonError } from '../errors';
import { newApprovalId } from '../sessions/ids';

export type ApprovalKind = 'command' | 'file' | 'network' | 'package';

export interface ApprovalRequestInput {
  sessionId: string;
  commandId?: string;
  kind: ApprovalKind;
  target: string;
  rule: string;
  message: string;
  timeoutMs: number;
}

/** agentsh's ApprovalRequest JSON. */
export interface ApprovalView {
  id: string;
  created_at: string;
  expires_at: string;
  session_id: string;
  command_id?: string;
  kind: ApprovalKind;
  target: string;
  rule: string;
  message: string;
}

export interface ApprovalOutcome {
  approved: boolean;
  reason: string;
}

/** How an approval ended: answered (approved or denied), timed out, or cancelled with its session. */
export type ApprovalEnd = 'approved' | 'denied' | 'timeout' | 'cancelled';

/** Told once per approval when it settles (metrics). */
export type ApprovalObserver = (view: ApprovalView, end: ApprovalEnd, waitedMs: number) => void;

interface Pending {
  view: ApprovalView;
  settle: (outcome: ApprovalOutcome) => void;
  timer: NodeJS.Timeout;
}

/** agentsh's limit on pending approvals per session. */
export const MAX_PENDING_PER_SESSION = 10;

/**
 * Pending approvals. A request resolves when an approver answers through the API, or with a deny
 * when it times out: a parked tracee never waits forever and never becomes an allow by accident.
 */
export class ApprovalManager {
  private readonly pending = new Map<string, Pending>();
  private readonly observe: ApprovalObserver | undefined;

  constructor(observe?: ApprovalObserver) {
    this.observe = observe;
  }

  request(input: ApprovalRequestInput): { id: string; outcome: Promise<ApprovalOutcome> } {
    const perSession = [...this.pending.values()].filter((p) => p.view.session_id === input.sessionId).length;
    if (perSession >= MAX_PENDING_PER_SESSION) {
      return { id: '', outcome: Promise.resolve({ approved: false, reason: 'rate limit exceeded' }) };
    }
    const id = newApprovalId();
    const now = Date.now();
    const view: ApprovalView = {
      id,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + input.timeoutMs).toISOString(),
      session_id: input.sessionId,
      ...(input.commandId ? { command_id: input.commandId } : {}),
      kind: input.kind,
      target: input.target,
      rule: input.rule,
      message: input.message,
    };
    const outcome = new Promise<ApprovalOutcome>((resolve) => {
      const timer = setTimeout(
        () => this.settle(id, { approved: false, reason: 'approval timeout' }, 'timeout'),
        input.timeoutMs,
      );
      timer.unref();
      this.pending.set(id, { view, settle: resolve, timer });
    });
    return { id, outcome };
  }

  list(): ApprovalView[] {
    return [...this.pending.values()].map((p) => p.view);
  }

  /** Answers a pending approval; 'approve' and 'allow' both approve. */
  resolve(id: string, decision: 'approve' | 'allow' | 'deny', reason = ''): ApprovalView {
    const pending = this.pending.get(id);
    if (!pending) throw new DaemonError('DAEMON_NOT_FOUND', 'approval not found');
    this.settle(id, { approved: decision !== 'deny', reason }, decision === 'deny' ? 'denied' : 'approved');
    return pending.view;
  }

  /** Denies everything pending for a session (session destroyed or daemon stopping). */
  cancelSession(sessionId: string, reason: string): void {
    for (const [id, p] of this.pending)
      if (p.view.session_id === sessionId) this.settle(id, { approved: false, reason }, 'cancelled');
  }

  private settle(id: string, outcome: ApprovalOutcome, end: ApprovalEnd): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.settle(outcome);
    this.observe?.(pending.view, end, Date.now() - Date.parse(pending.view.created_at));
  }
}
