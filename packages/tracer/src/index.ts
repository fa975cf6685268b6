export { DECISION_CODES, encodeTable } from './encode';
export type { TracerErrorCode, TracerErrorOptions } from './errors';
export { isTracerError, TracerError } from './errors';
export type {
  ApprovalRequest,
  DecisionEvent,
  DroppedEvent,
  ExecEvent,
  FileEvent,
  NetworkEvent,
  SignalEvent,
  TraceEvent,
  UnixSocketEvent,
} from './events';
export type { ExitInfo, TraceRusage } from './exit-info';
export { cpuLatencyTarget, holdIdlePolling, idlePollingError } from './idle-polling';
export { loadNativeBinding } from './native';
export type { Capabilities } from './probe';
export { probeCapabilities } from './probe';
export type { ApprovalHandler } from './session';
export type { NameMapping, SpawnDeps, SpawnTracedOptions, TracedProcess } from './spawn';
export { spawnTraced } from './spawn';
export type {
  CommandRule,
  Decision,
  Effective,
  FileOp,
  FileRule,
  NetworkRule,
  PolicyTable,
  RuleBase,
  SignalRule,
  UnixSocketRule,
} from './table';
export { FILE_OPS } from './table';
