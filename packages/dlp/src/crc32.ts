const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (IEEE 802.3, as zlib computes it) of the string's Latin-1 code units. */
export function crc32(value: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < value.length; i++) {
    const index = (crc ^ value.charCodeAt(i)) & 0xff;
    crc = (TABLE[index] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 (digits, upper, lower) of a non-negative integer, left-padded with '0' to `width`. */
export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub-style token checksum (also npm's): the last 6 characters are the base62 CRC-32 of the
 * random part between the prefix (`ghp_`, `npm_`, ...) and the checksum.
 */
export function hasValidTokenChecksum(token: string): boolean {
  const underscore = token.indexOf('_');
  if (underscore < 0 || token.length < underscore + 8) return false;
  const body = token.slice(underscore + 1, -6);
  return base62(crc32(body), 6) === token.slice(-6);
}
