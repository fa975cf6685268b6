import type { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import { createIntegrityKey } from './chain';
import { openReaderConnection } from './connection';
import { type ExportFilter, exportJsonl } from './export';
import { listMcpTools, type McpToolRow } from './mcp-tools';
import { type OutputChunk, type OutputRequest, readOutput } from './outputs';
import { type EventQuery, queryEvents } from './query';
import type { AuditEvent } from './schema';
import { type VerifyResult, verifyChain } from './verify';

export interface AuditReaderOptions {
  readonly path: string;
  readonly busyTimeoutMs?: number;
}

/** A read-only view of an audit database; safe to use while the daemon writes to it. */
export interface AuditReader {
  query(q?: EventQuery): AuditEvent[];
  exportJsonl(out: Writable, filter?: ExportFilter): Promise<number>;
  readOutput(request: OutputRequest): OutputChunk | undefined;
  /** Verifies the HMAC chain with the given key (at least 16 bytes). */
  verify(key: Buffer | string): VerifyResult;
  listMcpTools(serverId?: string): McpToolRow[];
  close(): void;
  readonly db: Database;
}

/** Opens an existing audit database read-only. Never creates, migrates or writes anything. */
export function openAuditReader(options: AuditReaderOptions): AuditReader {
  const db = openReaderConnection({ path: options.path, busyTimeoutMs: options.busyTimeoutMs });
  return {
    db,
    query: (q) => queryEvents(db, q),
    exportJsonl: (out, filter) => exportJsonl(db, out, filter),
    readOutput: (request) => readOutput(db, request),
    // A read transaction keeps the snapshot consistent while the writer appends.
    verify: (key) => db.transaction(() => verifyChain(db, createIntegrityKey(key)))(),
    listMcpTools: (serverId) => listMcpTools(db, serverId),
    close: () => db.close(),
  };
}
