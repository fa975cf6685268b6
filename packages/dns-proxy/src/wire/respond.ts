import * as dnsPacket from 'dns-packet';
import { EDNS_UDP_SIZE, type EdnsInfo } from './edns';
import type { WireQuestion } from './reader';

const QR = 0x8000;
const OPCODE_MASK = 0x7800;
const AA = 0x0400;
const TC = 0x0200;
const RD = 0x0100;
const RA = 0x0080;
const CD = 0x0010;
const OPT_TYPE = 41;
const EDE_OPTION = 15;

/** Extended DNS Error info codes (RFC 8914) the proxy uses. */
export const EDE = { BLOCKED: 15, FILTERED: 17, PROHIBITED: 18, NOT_SUPPORTED: 21 } as const;

/** What a synthetic response needs from the query it answers. */
export interface QueryContext {
  buf: Buffer;
  id: number;
  flags: number;
  question: WireQuestion | undefined;
  edns: EdnsInfo;
}

export interface SyntheticOptions {
  rcode: number;
  authoritative?: boolean;
  truncated?: boolean;
  answers?: dnsPacket.Answer[];
  authorities?: dnsPacket.Answer[];
  /** Extended DNS Error info code, sent only when the query had EDNS. */
  ede?: number;
}

/**
 * Builds a response: header and records encoded by dns-packet, the question copied byte for byte
 * from the query (so 0x20 case randomisation survives), and an OPT record when the query had one.
 */
export function buildResponse(ctx: QueryContext, options: SyntheticOptions): Buffer {
  const flags =
    (ctx.flags & (OPCODE_MASK | RD | CD)) |
    RA |
    (options.authoritative ? AA : 0) |
    (options.truncated ? TC : 0) |
    (options.rcode & 0xf);
  const body = dnsPacket.encode({
    type: 'response',
    id: ctx.id,
    flags,
    questions: [],
    answers: options.answers ?? [],
    authorities: options.authorities ?? [],
  });
  const question = ctx.question ? ctx.buf.subarray(ctx.question.start, ctx.question.end) : EMPTY;
  const opt = ctx.edns.present ? encodeOpt(ctx.edns, options) : EMPTY;
  const out = Buffer.concat([body.subarray(0, 12), question, body.subarray(12), opt]);
  out.writeUInt16BE(ctx.question ? 1 : 0, 4);
  out.writeUInt16BE(ctx.edns.present ? 1 : 0, 10);
  out.writeUInt16BE(out.readUInt16BE(2) | QR, 2);
  return out;
}

const EMPTY = Buffer.alloc(0);

function encodeOpt(edns: EdnsInfo, options: SyntheticOptions): Buffer {
  const ede = options.ede === undefined ? EMPTY : edeOption(options.ede);
  const out = Buffer.alloc(11 + ede.length);
  out.writeUInt8(0, 0);
  out.writeUInt16BE(OPT_TYPE, 1);
  out.writeUInt16BE(EDNS_UDP_SIZE, 3);
  out.writeUInt8(options.rcode >> 4, 5);
  out.writeUInt8(0, 6);
  out.writeUInt16BE(edns.dnssecOk ? 0x8000 : 0, 7);
  out.writeUInt16BE(ede.length, 9);
  ede.copy(out, 11);
  return out;
}

function edeOption(code: number): Buffer {
  const out = Buffer.alloc(6);
  out.writeUInt16BE(EDE_OPTION, 0);
  out.writeUInt16BE(2, 2);
  out.writeUInt16BE(code, 4);
  return out;
}

/** FORMERR/NOTIMP/... for a query whose header could be read; echoes the question when parsed. */
export function errorResponse(ctx: QueryContext, rcode: number): Buffer {
  return buildResponse(ctx, { rcode });
}

/** Copies a response and puts the client's id and question bytes into it (same name length). */
export function adaptResponse(cached: Buffer, ctx: QueryContext): Buffer {
  const out = Buffer.allocUnsafe(cached.length);
  cached.copy(out);
  out.writeUInt16BE(ctx.id, 0);
  if (ctx.question) ctx.buf.copy(out, 12, ctx.question.start, ctx.question.end);
  return out;
}
