import { type AnswerMapping, createDnsProxy, type DnsEvent, type DnsProxy } from '@agentsh/dns-proxy';
import type { Engine } from '@agentsh/policy';
import type { NameMapping } from '@agentsh/tracer';
import type { DaemonEvent } from '../server/context';
import { decideFromEngine } from './decide';

export interface SessionDnsOptions {
  sessionId: string;
  engine: Engine;
  /** sandbox.network.dns_upstream; undefined: the nameservers of /etc/resolv.conf */
  upstreams: readonly string[] | undefined;
  emit: (event: Omit<DaemonEvent, 'id' | 'timestamp'>) => void;
  /** awaited before an answer reaches the client: the tracer learns IP -> names here */
  onAnswer?: (mapping: AnswerMapping) => void | Promise<void>;
}

/** An answer as the tracer's IP -> names entries (one per address, with its TTL). */
export function nameMappings(m: AnswerMapping): NameMapping[] {
  return m.addresses.map((a) => ({ address: a.address, names: m.names, ttl: a.ttl }));
}

/** agentsh's dns_query event for one answered query. */
export function dnsEventOf(sessionId: string, e: DnsEvent): Omit<DaemonEvent, 'id' | 'timestamp'> {
  const effective = e.decision === 'deny' ? 'deny' : e.decision === 'redirect' ? 'redirect' : 'allow';
  return {
    type: e.decision === 'redirect' ? 'dns_redirect' : 'dns_query',
    session_id: sessionId,
    domain: e.name,
    operation: 'dns',
    ...(e.rule ? { policy: { decision: e.decision, effective_decision: effective, rule: e.rule } } : {}),
    fields: {
      qtype: e.type,
      rcode: e.rcode,
      answers: e.answers.map((a) => a.data).filter((d): d is string => d !== undefined),
      cached: e.cached,
      transport: e.transport,
      duration_ms: e.durationMs,
      ...(e.upstream ? { upstream: e.upstream } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
      ...(e.decision === 'deny' ? { blocked: true } : {}),
    },
  };
}

/**
 * The session's own DNS proxy: every query the tracer steers here belongs to this session, is judged by
 * its policy, and its answers become the session's IP -> names map. Listens on 127.0.0.1 (and ::1 when
 * it can) on ports the system picks.
 */
export async function startSessionDns(opts: SessionDnsOptions): Promise<DnsProxy> {
  const proxy = createDnsProxy({
    session: opts.sessionId,
    decide: decideFromEngine(opts.engine, { approve: 'allow' }),
    ...(opts.upstreams ? { upstreams: opts.upstreams } : {}),
    listen: [{ host: '127.0.0.1' }, { host: '::1', optional: true }],
    onEvent: (e) => opts.emit(dnsEventOf(opts.sessionId, e)),
    ...(opts.onAnswer ? { onAnswer: opts.onAnswer } : {}),
  });
  await proxy.listen();
  return proxy;
}
