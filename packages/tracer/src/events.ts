import type { Decision, Effective, FileOp } from './table';

interface EventBase {
  /** Process (thread group) id of the tracee that made the syscall. */
  pid: number;
  tid: number;
  /** Process-tree depth below the traced command (0 = the command itself). */
  depth: number;
  syscall: string;
  decision: Decision;
  effective: Effective | 'audit';
  /** Rule that decided, or a built-in name (default-deny-files, proc-mem-write, ...). */
  rule: string;
  /** Why a built-in rule fired, a redirect target, or the outcome of an approval. */
  note?: string;
}

export interface FileEvent extends EventBase {
  type: 'file';
  path: string;
  /** Second path of rename/link. */
  path2?: string;
  operation: FileOp;
}

export interface ExecEvent extends EventBase {
  type: 'exec';
  path: string;
  argv: string[];
  operation: 'exec';
  truncated?: boolean;
}

export interface SignalEvent extends EventBase {
  type: 'signal';
  signal: number;
  targetPid: number;
  operation: 'signal';
}

/**
 * connect / sendto / sendmsg / sendmmsg to an IP destination, or bind / listen of an IP socket (the local
 * address; listen on a socket not bound under this tracer shows 0.0.0.0 port 0). IPv4-mapped IPv6 shown as
 * IPv4. operation 'socket': a socket() of a family no rule can judge (family 'packet', 'vsock', 'af<N>', ...;
 * address '' and port 0), always refused with rule 'socket-family'.
 */
export interface NetworkEvent extends EventBase {
  type: 'network';
  family: 'inet' | 'inet6' | (string & {});
  address: string;
  port: number;
  /** Names that resolved to the address in this session (addNames). */
  names: string[];
  operation: 'connect' | 'send' | 'bind' | 'listen' | 'socket';
}

/** connect / bind / listen / sendto(msg) on an AF_UNIX socket (only when the table has unix socket rules). */
export interface UnixSocketEvent extends EventBase {
  type: 'unix_socket';
  /** Resolved filesystem path, or '@name' for an abstract socket. */
  path: string;
  operation: 'connect' | 'bind' | 'listen' | 'sendto';
}

/** The helper dropped events because the reader was slow; tracees were never blocked. */
export interface DroppedEvent {
  type: 'dropped';
  count: number;
}

/** Decisions that can wait for an approval (network approvals are denied for now, see docs/tracer.md). */
export type DecisionEvent = FileEvent | ExecEvent | SignalEvent;
export type TraceEvent = DecisionEvent | NetworkEvent | UnixSocketEvent | DroppedEvent;

/** A parked syscall waiting for an answer (decision "approve"). */
export interface ApprovalRequest {
  id: number;
  timeoutMs: number;
  event: DecisionEvent | NetworkEvent | UnixSocketEvent;
}

/** Turns one helper line {"t":"ev",...} into a TraceEvent (drops the framing key). */
export function toTraceEvent(line: Record<string, unknown>): TraceEvent {
  if (line.t === 'dropped') return { type: 'dropped', count: Number(line.count ?? 0) };
  const { t: _t, id: _id, timeoutMs: _timeout, ...rest } = line;
  return rest as unknown as DecisionEvent;
}
