import type { Database } from 'better-sqlite3';
import { asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { mcpTools } from './tables';

/** An MCP tool as seen on the wire (agentsh's mcp_tools registry). */
export interface McpToolInput {
  readonly serverId: string;
  readonly toolName: string;
  /** Hash of the tool's definition; a change is a rug-pull signal. */
  readonly toolHash: string;
  readonly description?: string;
  readonly seenAt?: Date;
}

/** What recording a sighting found out. */
export interface McpToolSighting {
  readonly isNew: boolean;
  /** The stored hash differed (the row now holds the new one). */
  readonly hashChanged: boolean;
  readonly previousHash?: string;
}

/** One registry row, in the table's column names. */
export interface McpToolRow {
  id: number;
  server_id: string;
  tool_name: string;
  tool_hash: string;
  description: string | null;
  first_seen_ns: number;
  last_seen_ns: number;
  pinned: boolean;
  detection_count: number;
  max_severity: string | null;
}

/** Inserts or refreshes a tool (first_seen kept, last_seen/hash/description updated), in one transaction. */
export function recordMcpTool(db: Database, input: McpToolInput): McpToolSighting {
  const orm = drizzle({ client: db });
  const seen = (input.seenAt ?? new Date()).getTime() * 1_000_000;
  return db.transaction((): McpToolSighting => {
    const before = orm
      .select({ hash: mcpTools.toolHash })
      .from(mcpTools)
      .where(sql`${mcpTools.serverId} = ${input.serverId} AND ${mcpTools.toolName} = ${input.toolName}`)
      .get();
    orm
      .insert(mcpTools)
      .values({
        serverId: input.serverId,
        toolName: input.toolName,
        toolHash: input.toolHash,
        description: input.description ?? null,
        firstSeenNs: seen,
        lastSeenNs: seen,
      })
      .onConflictDoUpdate({
        target: [mcpTools.serverId, mcpTools.toolName],
        set: { toolHash: input.toolHash, description: input.description ?? null, lastSeenNs: seen },
      })
      .run();
    if (before === undefined) return { isNew: true, hashChanged: false };
    return { isNew: false, hashChanged: before.hash !== input.toolHash, previousHash: before.hash };
  })();
}

/** The registry, optionally for one server, ordered by server then tool name. */
export function listMcpTools(db: Database, serverId?: string): McpToolRow[] {
  const rows = drizzle({ client: db })
    .select()
    .from(mcpTools)
    .where(serverId === undefined ? undefined : eq(mcpTools.serverId, serverId))
    .orderBy(asc(mcpTools.serverId), asc(mcpTools.toolName))
    .all();
  return rows.map((r) => ({
    id: r.id,
    server_id: r.serverId,
    tool_name: r.toolName,
    tool_hash: r.toolHash,
    description: r.description,
    first_seen_ns: r.firstSeenNs,
    last_seen_ns: r.lastSeenNs,
    pinned: r.pinned !== 0,
    detection_count: r.detectionCount ?? 0,
    max_severity: r.maxSeverity,
  }));
}
