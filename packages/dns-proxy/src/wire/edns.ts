import type { WireRecord } from './reader';

/** Our advertised UDP payload size (DNS Flag Day 2020). */
export const EDNS_UDP_SIZE = 1232;
/** Without EDNS a UDP response may not exceed this (RFC 1035). */
export const CLASSIC_UDP_SIZE = 512;

export interface EdnsInfo {
  present: boolean;
  version: number;
  dnssecOk: boolean;
  /** Largest UDP response the client accepts (at least 512, at most 65535). */
  udpSize: number;
}

const NO_EDNS: EdnsInfo = { present: false, version: 0, dnssecOk: false, udpSize: CLASSIC_UDP_SIZE };

/** Reads the OPT pseudo-record of a query (RFC 6891: class = UDP size, TTL = ext-rcode|version|DO|Z). */
export function readEdns(opt: WireRecord | undefined): EdnsInfo {
  if (opt === undefined) return NO_EDNS;
  return {
    present: true,
    version: (opt.ttl >>> 16) & 0xff,
    dnssecOk: (opt.ttl & 0x8000) !== 0,
    udpSize: Math.max(CLASSIC_UDP_SIZE, opt.klass),
  };
}
