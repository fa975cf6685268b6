import type { DnsProxy } from '@agentsh/dns-proxy';
import { DaemonError } from '../errors';
import type { SessionPolicy } from '../policy/session-policy';
import type { SessionRecord } from './session';

/** What a live session owns besides its record: its policy engine and its DNS proxy. */
export interface SessionResources {
  policy: SessionPolicy;
  /** the session's own DNS proxy (the tracer steers the session's port-53 traffic to it) */
  dns?: DnsProxy;
  close(): Promise<void>;
}

export type OpenSessionResources = (record: SessionRecord) => Promise<SessionResources>;

/** Per-session resources by session id; opening fails the session creation, closing never throws. */
export class SessionRuntime {
  private readonly live = new Map<string, SessionResources>();
  private readonly openResources: OpenSessionResources;

  constructor(open: OpenSessionResources) {
    this.openResources = open;
  }

  async open(record: SessionRecord): Promise<SessionResources> {
    const resources = await this.openResources(record);
    this.live.set(record.view.id, resources);
    return resources;
  }

  get(id: string): SessionResources {
    const resources = this.live.get(id);
    if (!resources) throw new DaemonError('DAEMON_NOT_FOUND', 'session not found');
    return resources;
  }

  async close(id: string): Promise<void> {
    const resources = this.live.get(id);
    this.live.delete(id);
    await resources?.close().catch(() => {});
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.close(id)));
  }
}
