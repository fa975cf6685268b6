import { isIPv4, isIPv6 } from 'node:net';

/** Dotted-quad text of 4 bytes at offset. */
export function formatIPv4(buf: Buffer, offset: number): string {
  return `${buf[offset]}.${buf[offset + 1]}.${buf[offset + 2]}.${buf[offset + 3]}`;
}

/** Compressed IPv6 text (RFC 5952: lower case, longest zero run as ::) of 16 bytes at offset. */
export function formatIPv6(buf: Buffer, offset: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(buf.readUInt16BE(offset + i * 2));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

/** Wire bytes of an IPv4 or IPv6 literal, or null when it is neither. */
export function addressBytes(address: string): Buffer | null {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  if (!isIPv6(address)) return null;
  return ipv6Bytes(address);
}

function ipv6Bytes(address: string): Buffer {
  const out = Buffer.alloc(16);
  const [headText = '', tailText] = address.split('::');
  const head = expandGroups(headText);
  const tail = tailText === undefined ? [] : expandGroups(tailText);
  for (let i = 0; i < head.length; i++) out.writeUInt16BE(head[i] as number, i * 2);
  for (let i = 0; i < tail.length; i++) out.writeUInt16BE(tail[i] as number, 16 - (tail.length - i) * 2);
  return out;
}

function expandGroups(text: string): number[] {
  if (text === '') return [];
  const groups: number[] = [];
  for (const part of text.split(':')) {
    if (part.includes('.')) {
      const [a = 0, b = 0, c = 0, d = 0] = part.split('.').map(Number);
      groups.push((a << 8) | b, (c << 8) | d);
    } else {
      groups.push(Number.parseInt(part, 16));
    }
  }
  return groups;
}
