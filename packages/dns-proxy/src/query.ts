import { normaliseName, wireNameToText } from './name';
import { readEdns } from './wire/edns';
import { MAX_QUERY_SIZE, parseMessage, type WireQuestion, type WireRecord } from './wire/reader';
import { errorResponse, type QueryContext } from './wire/respond';
import { CLASS_IN, RCODE, RR } from './wire/rrtype';

/** A query that passed every check and now needs a decision. */
export interface ValidQuery {
  ctx: QueryContext;
  question: WireQuestion;
  /** Normalised name for decide(), cache keys and events. */
  name: string;
  /** The query's OPT pseudo-record, if any. */
  opt: WireRecord | undefined;
}

/** A query answered (or dropped, response null) before any decision. */
export interface RejectedQuery {
  response: Buffer | null;
  reason: string;
  rcode: number;
  name: string;
  type: number;
}

const QR = 0x8000;
const NO_EDNS = { present: false, version: 0, dnssecOk: false, udpSize: 512 };

/**
 * Checks a query packet: header, QR clear, size, full wire walk (labels, pointers, trailing bytes),
 * opcode QUERY, exactly one question, no records but one optional OPT (so nothing odd is forwarded),
 * EDNS version 0, class IN, a usable name. Failures get
 * FORMERR, NOTIMP, BADVERS or REFUSED; packets without a readable header, or responses, are dropped.
 */
export function validateQuery(buf: Buffer): ValidQuery | RejectedQuery {
  if (buf.length < 12 || (buf.readUInt16BE(2) & QR) !== 0) {
    return { response: null, reason: 'not a query', rcode: -1, name: '', type: 0 };
  }
  const bare: QueryContext = {
    buf,
    id: buf.readUInt16BE(0),
    flags: buf.readUInt16BE(2),
    question: undefined,
    edns: NO_EDNS,
  };
  if (buf.length > MAX_QUERY_SIZE)
    return reject(bare, RCODE.FORMERR, `query of ${buf.length} bytes is too large`);
  const parsed = parseMessage(buf);
  if (!parsed.ok) return reject(bare, RCODE.FORMERR, parsed.reason);
  const { message } = parsed;
  const question = message.questions.length === 1 ? message.questions[0] : undefined;
  const ctx: QueryContext = { ...bare, question, edns: readEdns(message.opt) };
  if (((bare.flags >> 11) & 0xf) !== 0) return reject(ctx, RCODE.NOTIMP, 'opcode is not QUERY');
  if (question === undefined)
    return reject(ctx, RCODE.FORMERR, `qdcount is ${message.questions.length}, not 1`);
  if (message.records.length !== (message.opt ? 1 : 0)) {
    return reject(ctx, RCODE.FORMERR, 'records other than one OPT in a query');
  }
  if (ctx.edns.version !== 0) return reject(ctx, RCODE.BADVERS, `EDNS version ${ctx.edns.version}`);
  if (question.klass !== CLASS_IN) return reject(ctx, RCODE.REFUSED, `class ${question.klass} is not IN`);
  if (question.type === RR.OPT) return reject(ctx, RCODE.FORMERR, 'OPT as question type');
  if (question.type === 251 || question.type === 252) return reject(ctx, RCODE.REFUSED, 'zone transfer');
  const name = normaliseName(wireNameToText(question.name));
  if (name === null) return reject(ctx, RCODE.REFUSED, 'name is not a valid host name');
  return { ctx, question, name, opt: message.opt };
}

function reject(ctx: QueryContext, rcode: number, reason: string): RejectedQuery {
  const name = ctx.question ? ctx.question.name.toLowerCase() : '';
  return { response: errorResponse(ctx, rcode), reason, rcode, name, type: ctx.question?.type ?? 0 };
}

export function isRejected(result: ValidQuery | RejectedQuery): result is RejectedQuery {
  return 'reason' in result;
}
