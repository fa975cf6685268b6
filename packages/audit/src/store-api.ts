import type { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import type { ExportFilter } from './export';
import type { McpToolInput, McpToolRow, McpToolSighting } from './mcp-tools';
import type { CommandOutputInput, OutputChunk, OutputRequest } from './outputs';
import type { EventQuery } from './query';
import type { QueueStats } from './queue';
import type { RetentionOptions, RetentionResult, RetentionSchedule } from './retention';
import type { AuditEvent } from './schema';
import type { VerifyResult } from './verify';

export interface AuditStoreOptions {
  /** Database file, or ':memory:'. */
  readonly path: string;
  /** HMAC-SHA256 key for the chain (at least 16 bytes). Without it events are stored unchained. */
  readonly key?: Buffer | string;
  /** Events per transaction (default 1000). */
  readonly batchSize?: number;
  /** Longest an event waits in memory before its batch is written (default 5 ms). */
  readonly flushIntervalMs?: number;
  /** Queue bound; past it append() writes synchronously in the caller (default 50,000). */
  readonly maxQueued?: number;
  /** Spill journal for when the database cannot take a batch; default `<path>.journal`, 64 MiB. */
  readonly journal?: false | { readonly path?: string; readonly maxBytes?: number };
  readonly synchronous?: 'normal' | 'full';
  /** Told when a batch could not be committed (it is then spilled or retried); for the daemon's log. */
  readonly onWriteError?: (err: unknown) => void;
  /** Prune by age and/or size at open and then periodically (the daemon's audit retention). */
  readonly retention?: RetentionSchedule;
  readonly busyTimeoutMs?: number;
}

export interface AuditStoreStats extends QueueStats {
  journalBytes: number;
  nextSeq: number;
}

/** The daemon's single writer over events.db. Reads through it see everything committed so far. */
export interface AuditStore {
  /** Queues the event; resolves once it is committed (or fsynced to the journal). */
  append(event: AuditEvent): Promise<void>;
  /** Commits everything queued now. */
  flush(): Promise<void>;
  close(): Promise<void>;
  query(q?: EventQuery): AuditEvent[];
  exportJsonl(out: Writable, filter?: ExportFilter): Promise<number>;
  putOutput(input: CommandOutputInput): void;
  readOutput(request: OutputRequest): OutputChunk | undefined;
  prune(options: RetentionOptions): RetentionResult;
  verify(): VerifyResult;
  /** Records an MCP tool sighting in mcp_tools (agentsh's registry). */
  recordMcpTool(input: McpToolInput): McpToolSighting;
  listMcpTools(serverId?: string): McpToolRow[];
  stats(): AuditStoreStats;
  /** The underlying connection (tests, diagnostics). */
  readonly db: Database;
}
