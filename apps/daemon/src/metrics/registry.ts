import { Counter, Gauge, Registry } from 'prom-client';

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
  };
}
