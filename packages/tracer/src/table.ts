/**
 * The compiled policy table, structurally identical to @agentsh/policy's compile() output
 * (docs/compiled-policy.md). Declared here because the tracer must not import @agentsh/policy.
 */
export type Decision = 'allow' | 'deny' | 'approve' | 'redirect' | 'audit' | 'soft_delete';
/** What is enforced. approve stays approve only when approvals are enforced, else allow (shadow). */
export type Effective = 'allow' | 'deny' | 'approve' | 'redirect' | 'soft_delete';

export interface RuleBase {
  name: string;
  decision: Decision;
  effective: Effective;
  message?: string;
  timeoutMs?: number;
}

export type FileOp =
  | 'open'
  | 'read'
  | 'write'
  | 'create'
  | 'delete'
  | 'rmdir'
  | 'mkdir'
  | 'rename'
  | 'link'
  | 'symlink'
  | 'chmod'
  | 'chown'
  | 'stat'
  | 'list'
  | 'readlink';

/** Bit order of FileOp in the encoded table (must match native/tracer/src/table.h). */
export const FILE_OPS: readonly FileOp[] = [
  'open',
  'read',
  'write',
  'create',
  'delete',
  'rmdir',
  'mkdir',
  'rename',
  'link',
  'symlink',
  'chmod',
  'chown',
  'stat',
  'list',
  'readlink',
];

export interface FileRule extends RuleBase {
  globs: string[];
  ops: FileOp[] | '*';
  redirectTo?: string;
  preserveTree?: boolean;
}

export interface CommandRule extends RuleBase {
  fullPaths: string[];
  pathGlobs: string[];
  names: string[];
  nameGlobs: string[];
  anyCommand: boolean;
  args: { source: string; ere: string; caseInsensitive: boolean }[];
  minDepth: number;
  maxDepth: number;
  redirect?: { command: string; args: string[]; argsAppend: string[] };
}

export interface NetworkRule extends RuleBase {
  domains: string[];
  ports: number[];
  cidrs: string[];
}

export interface UnixSocketRule extends RuleBase {
  paths: string[];
  ops: ('connect' | 'bind' | 'listen' | 'sendto')[] | '*';
}

export interface SignalRule extends RuleBase {
  signals: number[];
  target: { type: string; pattern?: string; min?: number; max?: number };
}

export interface PolicyTable {
  format: 1;
  name: string;
  stop: {
    exec: boolean;
    file: boolean;
    readOnlyOpen: boolean;
    network: boolean;
    unixSocket: boolean;
    signal: boolean;
  };
  file: FileRule[];
  command: CommandRule[];
  network: NetworkRule[];
  unixSocket: UnixSocketRule[];
  signal: SignalRule[];
  dnsRedirects: { name: string; pattern: string; resolveTo: string; visibility: string }[];
  /** pattern: POSIX ERE on 'host:port' (IPv6 bracketed); redirectTo 'host:port' (the tracer needs an IP). */
  connectRedirects: { name: string; pattern: string; redirectTo: string; caseInsensitive?: boolean }[];
}
