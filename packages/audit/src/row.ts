import { AuditError } from './errors';
import type { AuditEvent } from './schema';
import { timestampToNsText } from './time';

/** An event accepted by the store: serialised once, at append time, so later mutation cannot change it. */
export interface PendingEvent {
  readonly eventId: string;
  readonly payload: string;
  /** The first 14 column values (EVENT_COLUMNS up to payload_json), copied at append time. */
  readonly values: readonly unknown[];
}

/** Column list of every insert into events: PendingEvent.values, then seq and chain_mac. */
export const EVENT_COLUMNS =
  'event_id, ts_unix_ns, session_id, command_id, type, pid, policy_decision, effective_decision, ' +
  'policy_rule, path, domain, remote, operation, payload_json, seq, chain_mac';
export const EVENT_PARAMS = '(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)';

function need(event: AuditEvent, key: 'id' | 'type' | 'session_id'): void {
  if (typeof event[key] !== 'string' || (key !== 'session_id' && event[key].length === 0)) {
    throw new AuditError('AUDIT_INPUT', `event.${key}: expected a non-empty string`);
  }
}

/** Validates the indexed fields and serialises the event; throws AUDIT_INPUT on bad input. */
export function prepareEvent(event: AuditEvent): PendingEvent {
  need(event, 'id');
  need(event, 'type');
  need(event, 'session_id');
  const tsNs = typeof event.timestamp === 'string' ? timestampToNsText(event.timestamp) : undefined;
  if (tsNs === undefined) {
    throw new AuditError('AUDIT_INPUT', `event ${event.id}: timestamp is not an RFC3339 time`);
  }
  let payload: string;
  try {
    payload = JSON.stringify(event);
  } catch (cause) {
    throw new AuditError('AUDIT_INPUT', `event ${event.id}: cannot be serialised as JSON`, { cause });
  }
  const policy = event.policy;
  const values = [
    event.id,
    tsNs,
    event.session_id,
    event.command_id ?? null,
    event.type,
    event.pid ?? null,
    policy?.decision ?? null,
    policy?.effective_decision ?? null,
    policy?.rule ?? null,
    event.path ?? null,
    event.domain ?? null,
    event.remote ?? null,
    event.operation ?? null,
    payload,
  ];
  return { eventId: event.id, payload, values };
}
