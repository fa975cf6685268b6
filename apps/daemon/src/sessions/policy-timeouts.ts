import { parseGoDuration } from '@agentsh/policy';
import type { SessionRecord } from './session';

/** agentsh: a session's timeouts are the smaller of the config's and the policy's resource_limits. */
export function applyPolicyTimeouts(
  record: SessionRecord,
  limits: { session_timeout?: string; idle_timeout?: string } | undefined,
): void {
  const absolute = limits?.session_timeout ? parseGoDuration(limits.session_timeout) : undefined;
  if (absolute) record.expiresAtMs = Math.min(record.expiresAtMs, record.createdAtMs + absolute);
  const idle = limits?.idle_timeout ? parseGoDuration(limits.idle_timeout) : undefined;
  if (idle) record.idleTimeoutMs = record.idleTimeoutMs > 0 ? Math.min(record.idleTimeoutMs, idle) : idle;
}
