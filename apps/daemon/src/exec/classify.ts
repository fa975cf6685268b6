import type { OperationEvent } from './types';

export interface ExecEventLists {
  file_operations: OperationEvent[];
  network_operations: OperationEvent[];
  blocked_operations: OperationEvent[];
  other: OperationEvent[];
  file_operations_count: number;
  network_operations_count: number;
  blocked_operations_count: number;
  other_count: number;
}

const FILE_PREFIXES = ['file_', 'dir_', 'symlink_'];
const NETWORK_PREFIXES = ['net_', 'dns_'];

function isBlocked(e: OperationEvent): boolean {
  return e.policy?.effective_decision === 'deny' || e.fields?.blocked === true;
}

/** Sorts a command's events into agentsh's exec-response lists (a blocked one is also in its own kind). */
export function classifyEvents(events: readonly OperationEvent[]): ExecEventLists {
  const lists: ExecEventLists = {
    file_operations: [],
    network_operations: [],
    blocked_operations: [],
    other: [],
    file_operations_count: 0,
    network_operations_count: 0,
    blocked_operations_count: 0,
    other_count: 0,
  };
  for (const e of events) {
    if (FILE_PREFIXES.some((p) => e.type.startsWith(p))) lists.file_operations.push(e);
    else if (NETWORK_PREFIXES.some((p) => e.type.startsWith(p))) lists.network_operations.push(e);
    else lists.other.push(e);
    if (isBlocked(e)) lists.blocked_operations.push(e);
  }
  lists.file_operations_count = lists.file_operations.length;
  lists.network_operations_count = lists.network_operations.length;
  lists.blocked_operations_count = lists.blocked_operations.length;
  lists.other_count = lists.other.length;
  return lists;
}
