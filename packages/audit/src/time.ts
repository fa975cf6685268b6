import { AuditError } from './errors';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/gy;
const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86_400e9,
};

/** Nanoseconds after Date.parse's milliseconds: digits 4..9 of the fraction (0..999,999). */
function subMillisNs(timestamp: string): number {
  const dot = timestamp.indexOf('.', 19);
  let subMs = 0;
  if (dot !== -1) {
    let scale = 100_000;
    for (let i = dot + 4; i < dot + 10 && isDigitRun(timestamp, dot + 1, i); i++) {
      subMs += (timestamp.charCodeAt(i) - 48) * scale;
      scale /= 10;
    }
  }
  return subMs;
}

/** Nanoseconds since the epoch of an event timestamp (RFC3339, up to nanosecond precision). */
export function timestampToNs(timestamp: string): bigint | undefined {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt(subMillisNs(timestamp));
}

/**
 * The same as decimal text, without BigInt (the write path's cost). SQLite stores a well-formed integer
 * text bound to an INTEGER column as an INTEGER, so the row is identical.
 */
export function timestampToNsText(timestamp: string): string | undefined {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return undefined;
  if (ms < 0) return String(BigInt(ms) * 1_000_000n + BigInt(subMillisNs(timestamp)));
  const sec = Math.floor(ms / 1000);
  const ns = (ms - sec * 1000) * 1_000_000 + subMillisNs(timestamp);
  return sec === 0 ? String(ns) : `${sec}${String(ns).padStart(9, '0')}`;
}

/** True when every character from `from` to `to` (inclusive) is a digit. */
function isDigitRun(text: string, from: number, to: number): boolean {
  for (let i = from; i <= to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Parses a Go-style duration ("90s", "1h30m", "500ms"; "d" for days is accepted too) into nanoseconds. */
export function parseDurationNs(text: string): bigint | undefined {
  if (text.length === 0) return undefined;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let m = DURATION_PART.exec(text); m !== null; m = DURATION_PART.exec(text)) {
    total += Number(m[1]) * (UNIT_NS[m[2] ?? ''] ?? Number.NaN);
    consumed = DURATION_PART.lastIndex;
  }
  if (consumed !== text.length || !Number.isFinite(total)) return undefined;
  return BigInt(Math.round(total));
}

/**
 * A query time bound as agentsh takes it: an RFC3339 instant, or a duration meaning "that long ago".
 * Throws AUDIT_INPUT naming the parameter when neither fits.
 */
export function parseTimeBound(text: string, param: string, nowMs: number = Date.now()): bigint {
  if (RFC3339.test(text)) {
    const ns = timestampToNs(text);
    if (ns !== undefined) return ns;
  }
  const ago = parseDurationNs(text);
  if (ago !== undefined) return BigInt(nowMs) * 1_000_000n - ago;
  throw new AuditError('AUDIT_INPUT', `${param}: expected an RFC3339 time or a duration like 1h30m`, {
    hint: 'examples: 2026-11-27T10:00:00Z, 15m, 2h, 7d',
  });
}
