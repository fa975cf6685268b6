import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The daemon's Prometheus metrics: agentsh's names first, then ours. */
export interface DaemonMetrics {
  readonly registry: Registry;
  readonly up: Gauge;
  readonly eventsTotal: Counter;
  readonly eventsByType: Counter<'type'>;
  readonly sessionsActive: Gauge;
  readonly sessionsTotal: Counter;
  readonly commandsTotal: Counter<'outcome'>;
  readonly decisionsTotal: Counter<'kind' | 'decision'>;
  readonly tracerStops: Counter;
  readonly tracerDenies: Counter;
  readonly tracerRunning: Gauge;
  readonly dnsQueries: Counter<'decision' | 'transport' | 'cached'>;
  readonly dnsDuration: Histogram;
  readonly approvalsTotal: Counter<'kind' | 'outcome'>;
  readonly approvalWait: Histogram<'kind'>;
  readonly dlpRedactions: Counter<'rule'>;
}

/** Gauges read at scrape time from the parts that own the numbers. */
export interface MetricSources {
  audit?: () => { queued: number; committed: number; spilled: number; journalBytes: number };
}

export function createDaemonMetrics(sources: MetricSources = {}): DaemonMetrics {
  const registry = new Registry();
  const reg = { registers: [registry] };
  const up = new Gauge({ name: 'agentsh_up', help: 'Whether the agentsh server is up', ...reg });
  up.set(1);
  // agentsh exports these eBPF counters even where eBPF is never used; keep them for dashboards.
  for (const name of ['dropped_events', 'attach_fail', 'unavailable']) {
    new Counter({
      name: `agentsh_net_ebpf_${name}_total`,
      help: `eBPF ${name.replace('_', ' ')} (unused here)`,
      ...reg,
    });
  }
  const audit = sources.audit;
  if (audit) {
    for (const key of ['queued', 'committed', 'spilled', 'journalBytes'] as const) {
      const name = `agentsh_audit_${key.replace('journalBytes', 'journal_bytes')}`;
      new Gauge({
        name,
        help: `Audit store ${key}`,
        ...reg,
        collect() {
          this.set(audit()[key]);
        },
      });
    }
  }
  return {
    registry,
    up,
    eventsTotal: new Counter({ name: 'agentsh_events_total', help: 'Events emitted', ...reg }),
    eventsByType: new Counter({
      name: 'agentsh_events_by_type_total',
      help: 'Events emitted by type',
      labelNames: ['type'],
      ...reg,
    }),
    sessionsActive: new Gauge({ name: 'agentsh_sessions_active', help: 'Sessions currently active', ...reg }),
    sessionsTotal: new Counter({ name: 'agentsh_sessions_total', help: 'Sessions created', ...reg }),
    commandsTotal: new Counter({
      name: 'agentsh_commands_total',
      help: 'Commands run, by outcome',
      labelNames: ['outcome'],
      ...reg,
    }),
    decisionsTotal: new Counter({
      name: 'agentsh_policy_decisions_total',
      help: 'Policy decisions by kind (command, file, network, dns) and effective decision',
      labelNames: ['kind', 'decision'],
      ...reg,
    }),
    tracerStops: new Counter({
      name: 'agentsh_ptrace_stops_total',
      help: 'Seccomp stops the tracer handled',
      ...reg,
    }),
    tracerDenies: new Counter({
      name: 'agentsh_ptrace_denies_total',
      help: 'Syscalls the tracer denied',
      ...reg,
    }),
    tracerRunning: new Gauge({
      name: 'agentsh_ptrace_tracees_active',
      help: 'Commands running under the tracer',
      ...reg,
    }),
    ...featureMetrics(reg),
  };
}

/** DNS, approval and DLP metrics (agentsh documents such metrics but never exports them). */
function featureMetrics(reg: { registers: Registry[] }) {
  return {
    dnsQueries: new Counter({
      name: 'agentsh_dns_queries_total',
      help: 'DNS queries answered by the session proxies, by decision, transport and cache use',
      labelNames: ['decision', 'transport', 'cached'] as const,
      ...reg,
    }),
    dnsDuration: new Histogram({
      name: 'agentsh_dns_query_duration_seconds',
      help: 'Time from a query reaching a session proxy to its answer',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      ...reg,
    }),
    approvalsTotal: new Counter({
      name: 'agentsh_approvals_total',
      help: 'Approvals settled, by kind and outcome (approved, denied, timeout, cancelled)',
      labelNames: ['kind', 'outcome'] as const,
      ...reg,
    }),
    approvalWait: new Histogram({
      name: 'agentsh_approval_wait_seconds',
      help: 'Time an approval waited for its answer',
      labelNames: ['kind'] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300],
      ...reg,
    }),
    dlpRedactions: new Counter({
      name: 'agentsh_dlp_redactions_total',
      help: 'Secrets redacted or tokenized in command output, by DLP rule',
      labelNames: ['rule'] as const,
      ...reg,
    }),
  };
}
