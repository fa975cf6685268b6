import { describe, expect, it } from 'vitest';
import { eventIdTimeMs, newEventId } from './event-id';

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newEventId', () => {
  it('makes RFC 9562 version 7 UUIDs carrying the current millisecond', () => {
    const before = Date.now();
    const id = newEventId();
    const after = Date.now();
    expect(id).toMatch(UUID7);
    const ms = eventIdTimeMs(id) ?? 0;
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it('is unique and strictly increasing as a string, within and across milliseconds', () => {
    const ids = Array.from({ length: 20_000 }, () => newEventId());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect((ids[i] as string) > (ids[i - 1] as string)).toBe(true);
  });

  it('keeps order when the clock goes back, and past 4096 ids in one millisecond', () => {
    const t = Date.now() + 60_000;
    const ids = [newEventId(t), newEventId(t - 5_000)];
    for (let i = 0; i < 5000; i++) ids.push(newEventId(t));
    for (let i = 1; i < ids.length; i++) expect((ids[i] as string) > (ids[i - 1] as string)).toBe(true);
    expect(eventIdTimeMs(ids.at(-1) as string)).toBeGreaterThan(t);
    for (const id of ids) expect(id).toMatch(UUID7);
  });

  it('reads no time out of other ids', () => {
    expect(eventIdTimeMs('ev-000001')).toBeUndefined();
    expect(eventIdTimeMs('8f14e45f-ceea-467a-9575-6b0c8c4f3b2e')).toBeUndefined();
  });
});
