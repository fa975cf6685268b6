/** An IP address: IPv4 as a 32-bit number, IPv6 as 16 bytes. IPv4-mapped IPv6 becomes IPv4. */
export type IpAddr = { v: 4; n: number } | { v: 6; b: Uint8Array };

/** A parsed CIDR block; `addr` already masked. */
export interface Cidr {
  addr: IpAddr;
  bits: number;
}

const V4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): number | undefined {
  const m = V4_RE.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i] as string;
    if (part.length > 1 && part[0] === '0') return undefined; // Go rejects leading zeros
    const x = Number(part);
    if (x > 255) return undefined;
    n = n * 256 + x;
  }
  return n;
}

function parseGroups(s: string): number[] | undefined {
  if (s === '') return [];
  const out: number[] = [];
  for (const g of s.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out.push(Number.parseInt(g, 16));
  }
  return out;
}

function parseV6(input: string): Uint8Array | undefined {
  let s = input;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] as string);
  const rest = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  const groups = [...head, ...rest];
  const missing = 8 - groups.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = halves.length === 2 ? [...head, ...new Array<number>(missing).fill(0), ...rest] : groups;
  const b = new Uint8Array(16);
  all.forEach((g, i) => {
    b[i * 2] = g >>> 8;
    b[i * 2 + 1] = g & 0xff;
  });
  return b;
}

function mappedV4(b: Uint8Array): number | undefined {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return undefined;
  if (b[10] !== 0xff || b[11] !== 0xff) return undefined;
  return (
    (((b[12] as number) << 24) >>> 0) +
    ((b[13] as number) << 16) +
    ((b[14] as number) << 8) +
    (b[15] as number)
  );
}

/** Parses an IP literal (IPv6 may carry brackets or a %zone). Undefined when not an IP. */
export function parseIp(text: string): IpAddr | undefined {
  let s = text;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const v4 = parseV4(s);
  if (v4 !== undefined) return { v: 4, n: v4 };
  if (!s.includes(':')) return undefined;
  const zone = s.indexOf('%');
  const b = parseV6(zone >= 0 ? s.slice(0, zone) : s);
  if (!b) return undefined;
  const m = mappedV4(b);
  return m === undefined ? { v: 6, b } : { v: 4, n: m };
}

function maskV4(n: number, bits: number): number {
  return bits === 0 ? 0 : (n & (0xffffffff << (32 - bits))) >>> 0;
}

/** Parses `addr/bits` like Go net.ParseCIDR (host bits are masked off). Undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  const raw = text.slice(0, slash);
  const bits = Number(text.slice(slash + 1));
  const v4 = parseV4(raw);
  if (v4 !== undefined) return bits > 32 ? undefined : { addr: { v: 4, n: maskV4(v4, bits) }, bits };
  const b = raw.includes(':') ? parseV6(raw) : undefined;
  if (!b || bits > 128) return undefined;
  const m = mappedV4(b);
  if (m !== undefined && bits >= 96) return { addr: { v: 4, n: maskV4(m, bits - 96) }, bits: bits - 96 };
  const masked = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    masked[i] = (b[i] as number) & ((0xff << (8 - keep)) & 0xff);
  }
  return { addr: { v: 6, b: masked }, bits };
}

/** True when `ip` lies inside `cidr` (IPv4 never matches an IPv6 block and vice versa). */
export function cidrContains(cidr: Cidr, ip: IpAddr): boolean {
  if (cidr.addr.v === 4) return ip.v === 4 && maskV4(ip.n, cidr.bits) === cidr.addr.n;
  if (ip.v !== 6) return false;
  const net = cidr.addr.b;
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, cidr.bits - i * 8));
    if (keep === 0) return true;
    const mask = (0xff << (8 - keep)) & 0xff;
    if (((ip.b[i] as number) & mask) !== net[i]) return false;
  }
  return true;
}

/** Canonical text: `a.b.c.d` or compressed IPv6. */
export function formatIp(ip: IpAddr): string {
  if (ip.v === 4) return [ip.n >>> 24, (ip.n >>> 16) & 255, (ip.n >>> 8) & 255, ip.n & 255].join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.b[i] as number) << 8) | (ip.b[i + 1] as number));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hexes = groups.map((g) => g.toString(16));
  if (best < 0) return hexes.join(':');
  return `${hexes.slice(0, best).join(':')}::${hexes.slice(best + bestLen).join(':')}`;
}

/** Canonical `addr/bits`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.addr)}/${cidr.bits}`;
}
