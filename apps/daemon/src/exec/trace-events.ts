import type { DecisionEvent } from '@agentsh/tracer';
import type { OperationEvent } from './types';

const FILE_TYPES: Record<string, string> = {
  open: 'file_open',
  read: 'file_read',
  write: 'file_write',
  create: 'file_create',
  delete: 'file_delete',
  rmdir: 'dir_delete',
  mkdir: 'dir_create',
  rename: 'file_rename',
  link: 'file_link',
  symlink: 'symlink_create',
  chmod: 'file_chmod',
  chown: 'file_chown',
};

/** Maps a tracer decision to agentsh's event vocabulary (file_*, dir_*, process_exec, signal_*). */
export function toOperationEvent(e: DecisionEvent): OperationEvent {
  const policy = {
    decision: e.decision,
    effective_decision: e.effective === 'audit' ? 'allow' : e.effective,
    rule: e.rule,
  };
  const base = { timestamp: new Date().toISOString(), pid: e.pid, policy };
  const fields: Record<string, unknown> = { syscall: e.syscall, depth: e.depth, tid: e.tid };
  if (e.note) fields.note = e.note;
  if (e.effective === 'deny') fields.blocked = true;
  switch (e.type) {
    case 'file':
      if (e.path2) fields.path2 = e.path2;
      return {
        ...base,
        type: FILE_TYPES[e.operation] ?? `file_${e.operation}`,
        path: e.path,
        operation: e.operation,
        fields,
      };
    case 'exec':
      return {
        ...base,
        type: 'process_exec',
        path: e.path,
        operation: 'exec',
        fields: { ...fields, argv: e.argv },
      };
    case 'signal':
      return {
        ...base,
        type: e.effective === 'deny' ? 'signal_blocked' : 'signal_sent',
        operation: 'signal',
        fields: { ...fields, signal: e.signal, target_pid: e.targetPid },
      };
  }
}
