import type { DaemonEvent } from '../server/context';

interface Subscriber {
  sessionId?: string;
  notify: () => void;
  queue: DaemonEvent[];
  dropped: number;
}

export interface Subscription {
  /** events that arrived while the subscriber was slow, oldest first; at most `buffer` are kept */
  drain(): DaemonEvent[];
  /** number of events dropped because the buffer was full */
  readonly dropped: number;
  close(): void;
}

/**
 * Fan-out of live events to SSE subscribers. Publishing never blocks: each subscriber has a bounded
 * buffer (agentsh uses 200) and counts what it had to drop. Storage is the audit store's job, not this.
 */
export class EventBus {
  private readonly subscribers = new Set<Subscriber>();
  private readonly bufferSize: number;

  constructor(bufferSize = 200) {
    this.bufferSize = bufferSize;
  }

  publish(event: DaemonEvent): void {
    for (const sub of this.subscribers) {
      if (sub.sessionId !== undefined && sub.sessionId !== event.session_id) continue;
      if (sub.queue.length >= this.bufferSize) {
        sub.queue.shift();
        sub.dropped++;
      }
      sub.queue.push(event);
      sub.notify();
    }
  }

  /** Subscribes to one session's events, or to all when sessionId is undefined. */
  subscribe(sessionId: string | undefined, notify: () => void): Subscription {
    const sub: Subscriber = {
      ...(sessionId === undefined ? {} : { sessionId }),
      notify,
      queue: [],
      dropped: 0,
    };
    this.subscribers.add(sub);
    return {
      drain: () => sub.queue.splice(0),
      get dropped() {
        return sub.dropped;
      },
      close: () => {
        this.subscribers.delete(sub);
      },
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }
}
