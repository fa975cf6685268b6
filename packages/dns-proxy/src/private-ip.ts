import { addressBytes } from './wire/ip';

/** [first octet, second octet lower bound, second octet upper bound] for IPv4 private ranges. */
const V4_RANGES: readonly (readonly [number, number, number])[] = [
  [0, 0, 255],
  [10, 0, 255],
  [100, 64, 127],
  [127, 0, 255],
  [169, 254, 254],
  [172, 16, 31],
  [192, 168, 168],
];

/**
 * True for addresses a public name should not resolve to (DNS rebinding): unspecified, loopback,
 * RFC 1918, CGNAT, link-local, IPv6 ULA and link-local, and every IPv4-mapped IPv6 address.
 */
export function isPrivateAddress(address: string): boolean {
  const bytes = addressBytes(address);
  if (bytes === null) return false;
  if (bytes.length === 4) return isPrivateV4(bytes);
  return isPrivateV6(bytes);
}

function isPrivateV4(bytes: Buffer): boolean {
  const first = bytes[0] as number;
  const second = bytes[1] as number;
  return V4_RANGES.some(([a, lo, hi]) => first === a && second >= lo && second <= hi);
}

function isPrivateV6(bytes: Buffer): boolean {
  const first = bytes[0] as number;
  if (first === 0xfc || first === 0xfd) return true;
  if (first === 0xfe && ((bytes[1] as number) & 0xc0) === 0x80) return true;
  const tenZeroBytes = bytes.subarray(0, 10).every((b) => b === 0);
  if (!tenZeroBytes) return false;
  const b10 = bytes[10] as number;
  const b11 = bytes[11] as number;
  if (b10 === 0xff && b11 === 0xff) return true;
  if (b10 !== 0 || b11 !== 0) return false;
  const last = bytes.readUInt32BE(12);
  return last === 0 || last === 1;
}
