// The compiled policy table: the contract with @agentsh/tracer and its C evaluator.
// Shape and semantics: docs/compiled-policy.md. Keep both in step; changes must stay backwards compatible.
import type { Decision } from './decision';

/** What is enforced. approve stays approve only when approvals are enforced, else allow (shadow). */
export type Effective = 'allow' | 'deny' | 'approve' | 'redirect' | 'soft_delete';

export interface TableRuleBase {
  name: string;
  decision: Decision;
  effective: Effective;
  /** Template, rendered by whoever reports the decision ({{.Path}} ...). */
  message?: string;
  /** approve: how long to park before deny. */
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

export interface TableFileRule extends TableRuleBase {
  globs: string[];
  ops: FileOp[] | '*';
  redirectTo?: string;
  preserveTree?: boolean;
}

export interface TableArgsPattern {
  source: string;
  ere: string;
  caseInsensitive: boolean;
}

export interface TableCommandRule extends TableRuleBase {
  fullPaths: string[];
  pathGlobs: string[];
  names: string[];
  nameGlobs: string[];
  anyCommand: boolean;
  args: TableArgsPattern[];
  minDepth: number;
  maxDepth: number;
  /** `environment` is optional for readers (added after the first draft of the contract). */
  redirect?: { command: string; args: string[]; argsAppend: string[]; environment?: Record<string, string> };
}

export interface TableNetworkRule extends TableRuleBase {
  domains: string[];
  ports: number[];
  cidrs: string[];
}

export type UnixSocketOp = 'connect' | 'bind' | 'listen' | 'sendto';

export interface TableUnixSocketRule extends TableRuleBase {
  paths: string[];
  ops: UnixSocketOp[] | '*';
}

export interface TableSignalRule extends TableRuleBase {
  signals: number[];
  target: { type: string; pattern?: string; min?: number; max?: number };
}

export interface TableDnsRedirect {
  name: string;
  /** POSIX ERE (translated from the policy's RE2 `match`), unanchored, on the lower-cased name. */
  pattern: string;
  resolveTo: string;
  visibility: string;
  /** Added in format 1 (optional for readers): the RE2 source and the REG_ICASE flag. */
  source?: string;
  caseInsensitive?: boolean;
  onFailure?: 'fail_closed' | 'fail_open' | 'retry_original';
}

export interface TableConnectRedirect {
  name: string;
  /** POSIX ERE on `host:port` (IPv6 hosts bracketed). */
  pattern: string;
  redirectTo: string;
  source?: string;
  caseInsensitive?: boolean;
  tls?: { mode: 'passthrough' | 'rewrite_sni'; sni?: string };
  message?: string;
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
  file: TableFileRule[];
  command: TableCommandRule[];
  network: TableNetworkRule[];
  unixSocket: TableUnixSocketRule[];
  signal: TableSignalRule[];
  dnsRedirects: TableDnsRedirect[];
  connectRedirects: TableConnectRedirect[];
}
