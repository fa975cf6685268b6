import { createDnsProxy, type DnsEvent } from '@agentsh/dns-proxy';
import type { Engine } from '@agentsh/policy';
import type { NameMapping } from '@agentsh/tracer';
import { decideFromEngine } from '../../dns/decide';
import { nameMappings } from '../../dns/session-dns';
import { dnsOption } from '../../exec/traced-runner';

/** What `agentsh trace` needs from its embedded DNS proxy. */
export interface TraceDns {
  /** spawnTraced's dns option: where the tracer steers every port-53 query of the command */
  dns: { host: string; port: number; host6?: string; port6?: number };
  close(): Promise<void>;
}

export interface TraceDnsOptions {
  engine: Engine;
  /** --dns-upstream HOST:PORT (repeatable); empty: the nameservers of /etc/resolv.conf */
  upstreams: readonly string[];
  /** one call per answered query (written to --events) */
  onEvent: (event: DnsEvent) => void;
  /** awaited before the answer reaches the command: the tracer learns IP -> names */
  learn: (mappings: NameMapping[]) => Promise<void>;
}

/**
 * The embedded DNS proxy of one traced command: judged by the policy's dns_rules, forwarding to the given
 * upstreams, listening on loopback ports the system picks. Every query the command sends to port 53 (any
 * address, UDP or TCP) is steered here by the tracer, so the names it learns are this command's alone.
 */
export async function startTraceDns(opts: TraceDnsOptions): Promise<TraceDns> {
  const proxy = createDnsProxy({
    session: 'trace',
    decide: decideFromEngine(opts.engine, { approve: 'deny' }),
    ...(opts.upstreams.length > 0 ? { upstreams: opts.upstreams } : {}),
    listen: [{ host: '127.0.0.1' }, { host: '::1', optional: true }],
    onEvent: opts.onEvent,
    onAnswer: (m) => opts.learn(nameMappings(m)),
  });
  const dns = dnsOption(await proxy.listen());
  if (!dns) {
    await proxy.close();
    throw new Error('the embedded DNS proxy got no IPv4 loopback listener (127.0.0.1)');
  }
  return { dns, close: () => proxy.close() };
}

/** The --events line of one DNS answer (the tracer's lines carry `type` too). */
export function dnsEventLine(e: DnsEvent): Record<string, unknown> {
  return {
    type: 'dns',
    name: e.name,
    qtype: e.type,
    decision: e.decision,
    ...(e.rule ? { rule: e.rule } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
    rcode: e.rcode,
    answers: e.answers.map((a) => a.data).filter((d) => d !== undefined),
    transport: e.transport,
    cached: e.cached,
    ...(e.upstream ? { upstream: e.upstream } : {}),
  };
}
