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
}

export function createDaemonMetrics(): DaemonMetrics {
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
  };
}
