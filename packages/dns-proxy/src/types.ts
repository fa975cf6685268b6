/** What decide() may answer for one query. */
export type DecisionAction = 'allow' | 'deny' | 'redirect' | 'forward';

/** The query as decide() sees it: name lower-cased, without trailing dot, IDNA A-labels. */
export interface DnsQueryInfo {
  name: string;
  /** Record type mnemonic (A, AAAA, HTTPS, ...), or TYPEnnn for types without one. */
  type: string;
  session: string;
}

export interface Decision {
  action: DecisionAction;
  /** Name of the rule that decided, carried into events. */
  rule?: string;
  /** redirect: the IPv4 or IPv6 address of the synthetic answer. */
  address?: string;
  /** redirect: TTL of the synthetic answer (default 60 s). */
  ttl?: number;
  /** forward: the upstream as host:port (IPv6 as [addr]:port). */
  upstream?: string;
}

/** Injected policy: the package never imports @agentsh/policy. */
export type DecideFn = (query: DnsQueryInfo) => Decision | Promise<Decision>;

/** One resource record of an answer, as reported in events. */
export interface AnswerRecord {
  name: string;
  type: string;
  ttl: number;
  /** Address for A/AAAA, target for CNAME, hints for HTTPS/SVCB; absent for other types. */
  data?: string;
}

/** An address learned from an answer, with the TTL the client was given. */
export interface AddressTtl {
  address: string;
  ttl: number;
}

/** Passed to onAnswer before the response reaches the client (the tracer learns IP -> names from it). */
export interface AnswerMapping {
  session: string;
  /** The question name. */
  name: string;
  type: string;
  /** The question name followed by every CNAME target in the chain. */
  names: string[];
  addresses: AddressTtl[];
}

export type DnsTransport = 'udp' | 'tcp';

/** Emitted once for every query the proxy answered (not for packets it dropped). */
export interface DnsEvent {
  session: string;
  name: string;
  type: string;
  /** 'none' when no decision was taken (malformed query, ANY, non-IN class, ...). */
  decision: DecisionAction | 'none';
  rule?: string;
  /** Why the proxy answered the way it did when that is not the decision alone. */
  reason?: string;
  rcode: string;
  answers: AnswerRecord[];
  upstream?: string;
  cached: boolean;
  transport: DnsTransport;
  durationMs: number;
}
