import { RR } from './rrtype';

/** Largest query the proxy accepts; real queries are a few hundred bytes. */
export const MAX_QUERY_SIZE = 4096;

export interface NameRead {
  /** Labels joined by '.', each byte as one latin1 character; '' is the root. */
  name: string;
  /** Offset just past the name where it appears (past the first pointer if compressed). */
  next: number;
}

/**
 * Reads a possibly compressed name. Returns null on overflow, a label type other than 00/11, a
 * label holding a '.', a name over 255 octets, or a pointer that does not point strictly before
 * the previous jump target (which rules out loops: targets strictly decrease).
 */
export function readName(buf: Buffer, start: number): NameRead | null {
  let offset = start;
  let limit = start;
  let next = -1;
  let total = 0;
  let name = '';
  for (;;) {
    if (offset >= buf.length) return null;
    const len = buf[offset] as number;
    if (len === 0) break;
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (offset + 1 >= buf.length) return null;
      const ptr = ((len & 0x3f) << 8) | (buf[offset + 1] as number);
      if (ptr >= limit) return null;
      if (next < 0) next = offset + 2;
      offset = ptr;
      limit = ptr;
      continue;
    }
    if (kind !== 0 || offset + 1 + len > buf.length) return null;
    total += len + 1;
    if (total > 254) return null;
    const label = buf.toString('latin1', offset + 1, offset + 1 + len);
    if (label.includes('.')) return null;
    name = name.length === 0 ? label : `${name}.${label}`;
    offset += 1 + len;
  }
  return { name, next: next < 0 ? offset + 1 : next };
}

export interface WireQuestion {
  name: string;
  type: number;
  klass: number;
  /** Byte range of the question in the message (name + type + class). */
  start: number;
  end: number;
}

export type Section = 'answer' | 'authority' | 'additional';

export interface WireRecord {
  name: string;
  type: number;
  klass: number;
  ttl: number;
  ttlOffset: number;
  rdataOffset: number;
  rdlength: number;
  section: Section;
}

export interface WireMessage {
  id: number;
  flags: number;
  questions: WireQuestion[];
  records: WireRecord[];
  /** The OPT pseudo-record, when present (at most one). */
  opt: WireRecord | undefined;
}

export type ParseResult = { ok: true; message: WireMessage } | { ok: false; reason: string };

function fail(reason: string): ParseResult {
  return { ok: false, reason };
}

/** Walks a whole message and checks every name, length and count; trailing bytes are an error. */
export function parseMessage(buf: Buffer): ParseResult {
  if (buf.length < 12) return fail('message shorter than the 12-byte header');
  const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)];
  const questions: WireQuestion[] = [];
  let offset = 12;
  for (let i = 0; i < (counts[0] as number); i++) {
    const read = readName(buf, offset);
    if (read === null || read.next + 4 > buf.length) return fail(`bad question ${i}`);
    const type = buf.readUInt16BE(read.next);
    const klass = buf.readUInt16BE(read.next + 2);
    questions.push({ name: read.name, type, klass, start: offset, end: read.next + 4 });
    offset = read.next + 4;
  }
  const records: WireRecord[] = [];
  let opt: WireRecord | undefined;
  const sections: Section[] = ['answer', 'authority', 'additional'];
  for (let s = 0; s < 3; s++) {
    const section = sections[s] as Section;
    for (let i = 0; i < (counts[s + 1] as number); i++) {
      const record = readRecord(buf, offset, section);
      if (record === null) return fail(`bad ${section} record ${i}`);
      if (record.type === RR.OPT) {
        if (opt !== undefined || section !== 'additional' || record.name !== '')
          return fail('bad OPT record');
        opt = record;
      }
      records.push(record);
      offset = record.rdataOffset + record.rdlength;
    }
  }
  if (offset !== buf.length) return fail(`${buf.length - offset} trailing bytes after the last record`);
  const message = { id: buf.readUInt16BE(0), flags: buf.readUInt16BE(2), questions, records, opt };
  return { ok: true, message };
}

function readRecord(buf: Buffer, offset: number, section: Section): WireRecord | null {
  const read = readName(buf, offset);
  if (read === null || read.next + 10 > buf.length) return null;
  const at = read.next;
  const rdlength = buf.readUInt16BE(at + 8);
  if (at + 10 + rdlength > buf.length) return null;
  return {
    name: read.name,
    type: buf.readUInt16BE(at),
    klass: buf.readUInt16BE(at + 2),
    ttl: buf.readUInt32BE(at + 4),
    ttlOffset: at + 4,
    rdataOffset: at + 10,
    rdlength,
    section,
  };
}
