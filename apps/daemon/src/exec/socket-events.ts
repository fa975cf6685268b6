import type { NetworkEvent, UnixSocketEvent } from '@agentsh/tracer';
import type { OperationEvent } from './types';

const NET_TYPES = {
  connect: 'net_connect',
  send: 'net_send',
  bind: 'net_bind',
  listen: 'net_listen',
  socket: 'net_socket',
} as const;

/** agentsh's net_connect / net_send / net_listen (and our net_bind) for a tracer network decision. */
export function netEvent(e: NetworkEvent): OperationEvent {
  const host = e.family === 'inet6' && e.address.includes(':') ? `[${e.address}]` : e.address;
  const fields: Record<string, unknown> = {
    syscall: e.syscall,
    depth: e.depth,
    tid: e.tid,
    family: e.family,
    address: e.address,
    port: e.port,
  };
  if (e.names.length > 0) fields.names = e.names;
  if (e.note) fields.note = e.note;
  if (e.effective === 'deny') fields.blocked = true;
  return {
    type: NET_TYPES[e.operation],
    timestamp: new Date().toISOString(),
    pid: e.pid,
    remote: `${host}:${e.port}`,
    ...(e.names[0] ? { domain: e.names[0] } : {}),
    operation: e.operation,
    policy: policyOf(e),
    fields,
  };
}

/** agentsh's unix_socket_connect/bind/blocked (unix_socket_op for sends) for a tracer decision. */
export function unixEvent(e: UnixSocketEvent): OperationEvent {
  const fields: Record<string, unknown> = { syscall: e.syscall, depth: e.depth, tid: e.tid };
  if (e.note) fields.note = e.note;
  if (e.effective === 'deny') fields.blocked = true;
  const type =
    e.effective === 'deny'
      ? 'unix_socket_blocked'
      : e.operation === 'sendto' || e.operation === 'listen'
        ? 'unix_socket_op'
        : `unix_socket_${e.operation}`;
  return {
    type,
    timestamp: new Date().toISOString(),
    pid: e.pid,
    path: e.path,
    operation: e.operation,
    policy: policyOf(e),
    fields,
  };
}

/** agentsh's policy object of an event: audit counts as allow. */
function policyOf(e: NetworkEvent | UnixSocketEvent): {
  decision: string;
  effective_decision: string;
  rule: string;
} {
  return {
    decision: e.decision,
    effective_decision: e.effective === 'audit' ? 'allow' : e.effective,
    rule: e.rule,
  };
}
