import { describe, expect, it } from 'vitest';
import type { DaemonEvent } from '../server/context';
import { EventBus } from './bus';

const ev = (session: string, n: number): DaemonEvent => ({
  id: `e${n}`,
  timestamp: '',
  type: 'command_started',
  session_id: session,
});

describe('EventBus', () => {
  it('delivers a session its own events only, and all events to a global subscriber', () => {
    const bus = new EventBus();
    let wakeups = 0;
    const a = bus.subscribe('a', () => wakeups++);
    const all = bus.subscribe(undefined, () => {});
    bus.publish(ev('a', 1));
    bus.publish(ev('b', 2));
    expect(a.drain().map((e) => e.id)).toEqual(['e1']);
    expect(all.drain().map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(wakeups).toBe(1);
  });

  it('keeps a slow subscriber bounded, dropping the oldest and counting drops', () => {
    const bus = new EventBus(3);
    const sub = bus.subscribe('a', () => {});
    for (let i = 0; i < 5; i++) bus.publish(ev('a', i));
    expect(sub.drain().map((e) => e.id)).toEqual(['e2', 'e3', 'e4']);
    expect(sub.dropped).toBe(2);
    sub.close();
    expect(bus.subscriberCount).toBe(0);
  });
});
