import { readName } from '../wire/reader';

/** The question an upstream answer must echo (name lower-cased as read from the wire). */
export interface ExpectedQuestion {
  name: string;
  type: number;
  klass: number;
}

/**
 * True when a reply is a response (QR set) with exactly one question equal to the expected one,
 * compared case-insensitively. Replies that fail this are ignored as possible spoofs (DNSpooq).
 */
export function matchesQuestion(reply: Buffer, expected: ExpectedQuestion): boolean {
  if (reply.length < 12 || (reply[2] as number) < 0x80) return false;
  if (reply.readUInt16BE(4) !== 1) return false;
  const read = readName(reply, 12);
  if (read === null || read.next + 4 > reply.length) return false;
  return (
    read.name.toLowerCase() === expected.name &&
    reply.readUInt16BE(read.next) === expected.type &&
    reply.readUInt16BE(read.next + 2) === expected.klass
  );
}
