import type { DaemonEvent } from '../server/context';
import type { DaemonMetrics } from './registry';

type Fields = Record<string, unknown> | undefined;

/** Updates the metrics an event carries numbers for (DNS answers); every event is counted elsewhere. */
export function observeEvent(
  metrics: DaemonMetrics,
  event: Pick<DaemonEvent, 'type' | 'policy' | 'fields'>,
): void {
  if (event.type !== 'dns_query' && event.type !== 'dns_redirect') return;
  const f = event.fields as Fields;
  const decision = event.type === 'dns_redirect' ? 'redirect' : (event.policy?.effective_decision ?? 'none');
  metrics.dnsQueries.inc({
    decision,
    transport: typeof f?.transport === 'string' ? f.transport : 'unknown',
    cached: f?.cached === true ? 'true' : 'false',
  });
  if (typeof f?.duration_ms === 'number') metrics.dnsDuration.observe(f.duration_ms / 1000);
}
