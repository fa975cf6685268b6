import { formatIPv4, formatIPv6 } from './ip';
import { readName } from './reader';

const KEY_IPV4HINT = 4;
const KEY_IPV6HINT = 6;

export interface SvcbHints {
  priority: number;
  target: string;
  ipv4: string[];
  ipv6: string[];
}

/**
 * Parses SVCB/HTTPS rdata (RFC 9460) far enough to get the ipv4hint and ipv6hint addresses,
 * which dns-packet leaves as raw bytes. Returns null when the rdata is malformed (params out of
 * bounds, hint lengths not a multiple of 4 or 16).
 */
export function parseSvcbHints(buf: Buffer, rdataOffset: number, rdlength: number): SvcbHints | null {
  const end = rdataOffset + rdlength;
  if (rdlength < 3 || end > buf.length) return null;
  const priority = buf.readUInt16BE(rdataOffset);
  const target = readName(buf, rdataOffset + 2);
  if (target === null || target.next > end) return null;
  const hints: SvcbHints = { priority, target: target.name, ipv4: [], ipv6: [] };
  let offset = target.next;
  while (offset < end) {
    if (offset + 4 > end) return null;
    const key = buf.readUInt16BE(offset);
    const length = buf.readUInt16BE(offset + 2);
    const value = offset + 4;
    if (value + length > end) return null;
    if (!readHint({ buf, key, value, length, hints })) return null;
    offset = value + length;
  }
  return hints;
}

interface HintInput {
  buf: Buffer;
  key: number;
  value: number;
  length: number;
  hints: SvcbHints;
}

function readHint({ buf, key, value, length, hints }: HintInput): boolean {
  if (key === KEY_IPV4HINT) {
    if (length === 0 || length % 4 !== 0) return false;
    for (let i = 0; i < length; i += 4) hints.ipv4.push(formatIPv4(buf, value + i));
  } else if (key === KEY_IPV6HINT) {
    if (length === 0 || length % 16 !== 0) return false;
    for (let i = 0; i < length; i += 16) hints.ipv6.push(formatIPv6(buf, value + i));
  }
  return true;
}
