/** Record type numbers the proxy treats specially. */
export const RR = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  HINFO: 13,
  AAAA: 28,
  OPT: 41,
  SVCB: 64,
  HTTPS: 65,
  ANY: 255,
} as const;

export const CLASS_IN = 1;

const NAMES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  13: 'HINFO',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  35: 'NAPTR',
  39: 'DNAME',
  41: 'OPT',
  43: 'DS',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  52: 'TLSA',
  64: 'SVCB',
  65: 'HTTPS',
  252: 'AXFR',
  255: 'ANY',
  257: 'CAA',
};

/** Mnemonic for a record type number, or TYPEnnn (RFC 3597) when it has none here. */
export function typeName(type: number): string {
  return NAMES[type] ?? `TYPE${type}`;
}

/** Response codes (RFC 1035, 6891). */
export const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  BADVERS: 16,
} as const;

const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

export function rcodeName(rcode: number): string {
  if (rcode === RCODE.BADVERS) return 'BADVERS';
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`;
}
