export type { RebindingOptions } from './answer-check';
export type { CacheOptions } from './cache';
export { DnsCache } from './cache';
export type { DnsProxyErrorCode, DnsProxyErrorOptions } from './errors';
export { DnsProxyError, isDnsProxyError } from './errors';
export type { IpNameMapOptions } from './ip-map';
export { IpNameMap } from './ip-map';
export { normaliseName } from './name';
export { isPrivateAddress } from './private-ip';
export type { DnsProxy, DnsProxyOptions, ListenSpec } from './proxy';
export { createDnsProxy } from './proxy';
export type { ListenAddress } from './server/udp-server';
export type { DnsProxyStats } from './stats';
export type {
  AddressTtl,
  AnswerMapping,
  AnswerRecord,
  DecideFn,
  Decision,
  DecisionAction,
  DnsEvent,
  DnsQueryInfo,
  DnsTransport,
} from './types';
export type { Upstream } from './upstream/address';
export { loadResolvConf, parseResolvConf, parseUpstream } from './upstream/address';
export type { UdpSocketFactory } from './upstream/udp-client';
export type { SvcbHints } from './wire/svcb';
export { parseSvcbHints } from './wire/svcb';
