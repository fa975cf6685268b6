import type { Database } from 'better-sqlite3';
import { AuditError } from './errors';
import { OutputRowSchema, type OutputStream } from './schema';

/** A command's captured output, already redacted by the caller. */
export interface CommandOutputInput {
  readonly commandId: string;
  readonly sessionId: string;
  readonly stdout?: Buffer | string;
  readonly stderr?: Buffer | string;
  /** Bytes the command produced; defaults to the stored length. Larger when capture was cut short. */
  readonly stdoutTotalBytes?: number;
  readonly stderrTotalBytes?: number;
  readonly stdoutTruncated?: boolean;
  readonly stderrTruncated?: boolean;
  readonly createdAt?: Date;
}

/** Which slice of a stored stream to read. */
export interface OutputRequest {
  readonly commandId: string;
  readonly stream: OutputStream;
  readonly offset?: number;
  readonly limit?: number;
}

/** The daemon's /output body, in agentsh's JSON names. Offsets count bytes. */
export interface OutputChunk {
  command_id: string;
  stream: OutputStream;
  offset: number;
  limit: number;
  total_bytes: number;
  truncated: boolean;
  data: string;
  has_more: boolean;
}

/** Default slice size of readOutput, in bytes. */
export const DEFAULT_OUTPUT_LIMIT = 64 * 1024;

function toBuffer(data: Buffer | string | undefined): Buffer {
  if (data === undefined) return Buffer.alloc(0);
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/** Stores (or replaces, as agentsh does) the full output of one command. */
export function putOutput(db: Database, input: CommandOutputInput): void {
  const stdout = toBuffer(input.stdout);
  const stderr = toBuffer(input.stderr);
  const created = BigInt((input.createdAt ?? new Date()).getTime()) * 1_000_000n;
  db.prepare(
    `INSERT OR REPLACE INTO command_outputs (command_id, session_id, stdout, stderr, stdout_total_bytes,
       stderr_total_bytes, stdout_truncated, stderr_truncated, created_ts_unix_ns) VALUES (?,?,?,?,?,?,?,?,?)`,
  ).run(
    input.commandId,
    input.sessionId,
    stdout,
    stderr,
    input.stdoutTotalBytes ?? stdout.length,
    input.stderrTotalBytes ?? stderr.length,
    input.stdoutTruncated === true ? 1 : 0,
    input.stderrTruncated === true ? 1 : 0,
    created,
  );
}

const SELECT: Record<OutputStream, string> = {
  stdout: `SELECT substr(CAST(stdout AS BLOB), ?, ?) AS data, length(CAST(stdout AS BLOB)) AS stored_bytes,
    stdout_total_bytes AS total_bytes, stdout_truncated AS truncated FROM command_outputs WHERE command_id = ?`,
  stderr: `SELECT substr(CAST(stderr AS BLOB), ?, ?) AS data, length(CAST(stderr AS BLOB)) AS stored_bytes,
    stderr_total_bytes AS total_bytes, stderr_truncated AS truncated FROM command_outputs WHERE command_id = ?`,
};

/** Reads a byte range of one stream without loading the rest; undefined when the command is unknown. */
export function readOutput(db: Database, request: OutputRequest): OutputChunk | undefined {
  const offset = Math.max(0, Math.trunc(request.offset ?? 0));
  const limit = Math.max(0, Math.trunc(request.limit ?? DEFAULT_OUTPUT_LIMIT));
  const raw = db.prepare(SELECT[request.stream]).get(offset + 1, limit, request.commandId);
  if (raw === undefined) return undefined;
  const parsed = OutputRowSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AuditError('AUDIT_QUERY', `command_outputs[${request.commandId}]: unexpected row shape`);
  }
  const row = parsed.data;
  const data = row.data ?? Buffer.alloc(0);
  const stored = row.stored_bytes ?? 0;
  return {
    command_id: request.commandId,
    stream: request.stream,
    offset,
    limit,
    total_bytes: row.total_bytes,
    truncated: row.truncated !== 0,
    data: data.toString('utf8'),
    has_more: offset + data.length < stored,
  };
}
