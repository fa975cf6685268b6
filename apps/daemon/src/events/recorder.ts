import { type AuditEvent, type AuditStore, newEventId } from '@agentsh/audit';
import { observeEvent } from '../metrics/observe';
import type { DaemonMetrics } from '../metrics/registry';
import type { DaemonEvent } from '../server/context';
import type { EventBus } from './bus';

export interface EventRecorderOptions {
  store: Pick<AuditStore, 'append'>;
  bus: EventBus;
  metrics: DaemonMetrics;
  /** called when the store rejects an event (the daemon logs it; nothing else may be lost silently) */
  onStoreError: (err: unknown) => void;
}

/** Gives an event its id and timestamp, stores it, publishes it live and counts it. */
export function createEventRecorder(opts: EventRecorderOptions) {
  const pending = new Set<Promise<void>>();
  const record = (partial: Omit<DaemonEvent, 'id' | 'timestamp'> & Partial<AuditEvent>): DaemonEvent => {
    const event = { id: newEventId(), timestamp: new Date().toISOString(), ...partial } as DaemonEvent;
    const stored = opts.store.append(event as AuditEvent).catch(opts.onStoreError);
    pending.add(stored);
    void stored.finally(() => pending.delete(stored));
    opts.bus.publish(event);
    opts.metrics.eventsTotal.inc();
    opts.metrics.eventsByType.inc({ type: event.type });
    observeEvent(opts.metrics, event);
    return event;
  };
  /** Resolves when every event recorded so far is committed (or failed). */
  const settled = async (): Promise<void> => {
    await Promise.all([...pending]);
  };
  return { record, settled };
}
