import { FILE_OPS, type FileRule, type PolicyTable, type RuleBase } from './table';

/** Decision codes of the encoded table (native/tracer/src/table.h AT_D_*). */
export const DECISION_CODES = ['allow', 'deny', 'approve', 'redirect', 'audit', 'soft_delete'] as const;
const MAGIC = 0x34425441; // "ATB4"
const STOP_BITS = { exec: 1, file: 2, readOnlyOpen: 4, network: 8, unixSocket: 16, signal: 32 } as const;

/** Unix socket operation bits (native/tracer/src/table.h AT_UNIX_*). */
const UNIX_OPS = { connect: 1, bind: 2, listen: 4, sendto: 8 } as const;

/** Little-endian byte writer for the table blob. */
class Writer {
  private chunks: Uint8Array[] = [];

  u32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    this.chunks.push(b);
  }

  str(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u32(b.length);
    this.chunks.push(b);
  }

  strs(v: readonly string[]): void {
    this.u32(v.length);
    for (const s of v) this.str(s);
  }

  bytes(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let off = 0;
    for (const c of this.chunks) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }
}

function base(w: Writer, r: RuleBase): void {
  w.str(r.name);
  w.u32(DECISION_CODES.indexOf(r.decision));
  w.u32(DECISION_CODES.indexOf(r.effective));
  w.u32(r.timeoutMs ?? 0);
}

function opsMask(ops: FileRule['ops']): number {
  if (ops === '*') return 0xffffffff;
  return ops.reduce((m, op) => m | (1 << FILE_OPS.indexOf(op)), 0);
}

/** Encodes a PolicyTable into the binary layout the C helper and addon decode (table.c). */
export function encodeTable(table: PolicyTable): Uint8Array {
  const w = new Writer();
  w.u32(MAGIC);
  let stop = 0;
  for (const [k, bit] of Object.entries(STOP_BITS)) if (table.stop[k as keyof typeof STOP_BITS]) stop |= bit;
  w.u32(stop);
  w.str(table.name);
  w.u32(table.file.length);
  for (const f of table.file) {
    base(w, f);
    w.u32(opsMask(f.ops));
    w.str(f.redirectTo ?? '');
    w.u32(f.preserveTree ? 1 : 0);
    w.strs(f.globs);
  }
  w.u32(table.command.length);
  for (const c of table.command) {
    base(w, c);
    w.u32(c.anyCommand ? 1 : 0);
    w.u32(c.minDepth);
    w.u32(c.maxDepth);
    w.strs(c.fullPaths);
    w.strs(c.pathGlobs);
    w.strs(c.names);
    w.strs(c.nameGlobs);
    w.u32(c.args.length);
    for (const a of c.args) {
      w.str(a.ere);
      w.u32(a.caseInsensitive ? 1 : 0);
    }
    w.str(c.redirect?.command ?? '');
    w.strs(c.redirect?.args ?? []);
    w.strs(c.redirect?.argsAppend ?? []);
  }
  w.u32(table.signal.length);
  for (const s of table.signal) {
    base(w, s);
    w.u32(s.signals.length);
    for (const n of s.signals) w.u32(n);
    w.str(s.target.type);
    w.str(s.target.pattern ?? '');
    w.u32(s.target.min === undefined ? 0 : 1);
    w.u32(s.target.min ?? 0);
    w.u32(s.target.max === undefined ? 0 : 1);
    w.u32(s.target.max ?? 0);
  }
  w.u32(table.network.length);
  for (const n of table.network) {
    base(w, n);
    w.strs(n.domains);
    w.u32(n.ports.length);
    for (const p of n.ports) w.u32(p);
    w.strs(n.cidrs);
  }
  w.u32(table.unixSocket.length);
  for (const u of table.unixSocket) {
    base(w, u);
    w.u32(u.ops === '*' ? 0xffffffff : u.ops.reduce((m, op) => m | UNIX_OPS[op], 0));
    w.strs(u.paths);
  }
  w.u32(table.connectRedirects.length);
  for (const c of table.connectRedirects) {
    w.str(c.name);
    w.str(c.pattern);
    w.str(c.redirectTo);
    w.u32(c.caseInsensitive ? 1 : 0);
  }
  return w.bytes();
}
