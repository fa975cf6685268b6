import type { RebindingOptions } from './answer-check';
import { type CacheOptions, DnsCache } from './cache';
import { DnsProxyError } from './errors';
import { QueryHandler } from './handler';
import { IpNameMap } from './ip-map';
import { startTcpServer, type TcpServer } from './server/tcp-server';
import { type ListenAddress, startUdpServer, type UdpServer } from './server/udp-server';
import type { DnsProxyStats } from './stats';
import type { AnswerMapping, DecideFn, DnsEvent } from './types';
import { loadResolvConf, parseUpstream, type Upstream } from './upstream/address';
import { Forwarder } from './upstream/forwarder';
import { UdpClient, type UdpSocketFactory } from './upstream/udp-client';

/** A listen address; `optional` ones (e.g. [::1] where UDP over IPv6 is blocked) are skipped when binding fails. */
export interface ListenSpec {
  host: string;
  port?: number;
  optional?: boolean;
}

export interface DnsProxyOptions {
  session: string;
  decide: DecideFn;
  /** host:port list; default: the nameservers of resolvConfPath. */
  upstreams?: readonly string[];
  resolvConfPath?: string;
  /** Default: 127.0.0.1 on an OS-chosen port; UDP and TCP share the port. */
  listen?: readonly ListenSpec[];
  onEvent?: (event: DnsEvent) => void;
  /** Awaited before the answer is sent; a rejection turns the answer into SERVFAIL. */
  onAnswer?: (mapping: AnswerMapping) => void | Promise<void>;
  /** Response cache; false turns it off. A DnsCache instance may be shared across proxies. */
  cache?: CacheOptions | DnsCache | false;
  rebinding?: RebindingOptions;
  /** Per upstream try (default 2000 ms) and rounds over the upstream list (default 2). */
  upstreamTimeoutMs?: number;
  upstreamAttempts?: number;
  tcp?: { idleTimeoutMs?: number; maxConnections?: number; maxPipelined?: number };
  maxCnameHops?: number;
  /** Answer NXDOMAIN for use-application-dns.net without asking decide() (default true). */
  blockDohCanary?: boolean;
  /** Drop EDNS Client Subnet options from forwarded queries (default true). */
  stripClientSubnet?: boolean;
  /** Upstream UDP sockets: pool size per family (8), queries per socket before a new port (1), in flight (1024). */
  upstreamUdp?: { poolSize?: number; rotateAfter?: number; maxOutstanding?: number };
  socketFactory?: UdpSocketFactory;
  now?: () => number;
}

export interface DnsProxy {
  readonly session: string;
  /** Where the proxy listens; filled by listen(). */
  readonly addresses: readonly ListenAddress[];
  readonly upstreams: readonly Upstream[];
  readonly ipMap: IpNameMap;
  readonly cache: DnsCache | undefined;
  /** Running counters (answered, dropped, cache hits, forwarded, denied, ...). */
  readonly stats: Readonly<DnsProxyStats>;
  /** Answers one query packet without a socket (tests, embedding); null means dropped. */
  handle(packet: Buffer, transport?: 'udp' | 'tcp'): Promise<Buffer | null>;
  listen(): Promise<readonly ListenAddress[]>;
  close(): Promise<void>;
}

/** Creates a per-session filtering DNS proxy. Nothing listens until listen(). */
export function createDnsProxy(options: DnsProxyOptions): DnsProxy {
  const upstreams = options.upstreams
    ? options.upstreams.map((text, i) => parseUpstream(text, `upstreams[${i}]`))
    : loadResolvConf(options.resolvConfPath);
  if (upstreams.length === 0) throw new DnsProxyError('DNS_CONFIG', 'upstreams is empty');
  const cache =
    options.cache === false
      ? undefined
      : options.cache instanceof DnsCache
        ? options.cache
        : new DnsCache(options.cache);
  const ipMap = new IpNameMap(options.now ? { now: options.now } : {});
  const udp = new UdpClient({
    ...options.upstreamUdp,
    ...(options.socketFactory ? { socketFactory: options.socketFactory } : {}),
  });
  const forwarder = new Forwarder({
    udp,
    timeoutMs: options.upstreamTimeoutMs,
    attempts: options.upstreamAttempts,
  });
  const handler = new QueryHandler({ ...options, forwarder, upstreams, cache, ipMap });
  const servers: (UdpServer | TcpServer)[] = [];
  const addresses: ListenAddress[] = [];
  return {
    session: options.session,
    addresses,
    upstreams,
    ipMap,
    cache,
    stats: handler.stats,
    handle: async (packet, transport = 'udp') => handler.handle(packet, transport),
    async listen() {
      for (const at of options.listen ?? [{ host: '127.0.0.1' }]) {
        let pair: [UdpServer, TcpServer];
        try {
          pair = await listenPair({ host: at.host, port: at.port ?? 0 }, handler, options);
        } catch (error) {
          if (at.optional) continue;
          await Promise.all(servers.splice(0).map((server) => server.close()));
          addresses.splice(0);
          throw error;
        }
        servers.push(...pair);
        addresses.push(pair[0].address);
      }
      return addresses;
    },
    async close() {
      udp.close();
      await Promise.all(servers.splice(0).map((server) => server.close()));
      addresses.splice(0);
    },
  };
}

/** UDP first (port 0 picks one), then TCP on the same port; retried when TCP finds it taken. */
async function listenPair(
  at: ListenAddress,
  handler: QueryHandler,
  options: DnsProxyOptions,
): Promise<[UdpServer, TcpServer]> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const udp = await startUdpServer({ ...at, handler, socketFactory: options.socketFactory });
    try {
      const tcp = await startTcpServer({ host: at.host, port: udp.address.port, handler, ...options.tcp });
      return [udp, tcp];
    } catch (error) {
      lastError = error;
      await udp.close();
      if (at.port !== 0) break;
    }
  }
  throw new DnsProxyError('DNS_BIND', `cannot listen on ${at.host}:${at.port} for both UDP and TCP`, {
    cause: lastError,
  });
}
