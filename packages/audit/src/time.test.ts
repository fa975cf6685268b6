import { describe, expect, it } from 'vitest';
import { parseDurationNs, parseTimeBound, timestampToNs, timestampToNsText } from './time';

describe('time', () => {
  it('keeps nanoseconds of RFC3339 timestamps and honours offsets', () => {
    expect(timestampToNs('2026-11-27T12:00:00.123456789Z')).toBe(1_795_780_800_123_456_789n);
    expect(timestampToNs('2026-11-27T12:00:00Z')).toBe(1_795_780_800_000_000_000n);
    expect(timestampToNs('2026-11-27T14:00:00.5+02:00')).toBe(1_795_780_800_500_000_000n);
    expect(timestampToNs('not a time')).toBeUndefined();
  });

  it('parses Go-style durations', () => {
    expect(parseDurationNs('1h30m')).toBe(5_400_000_000_000n);
    expect(parseDurationNs('500ms')).toBe(500_000_000n);
    expect(parseDurationNs('1.5s')).toBe(1_500_000_000n);
    expect(parseDurationNs('7d')).toBe(604_800_000_000_000n);
    expect(parseDurationNs('10')).toBeUndefined();
    expect(parseDurationNs('5m garbage')).toBeUndefined();
  });

  it('reads a bound as an instant or as "that long ago"', () => {
    const now = Date.UTC(2026, 10, 27, 12, 0, 0);
    expect(parseTimeBound('15m', 'since', now)).toBe(BigInt(now - 15 * 60_000) * 1_000_000n);
    expect(parseTimeBound('2026-11-27T12:00:00Z', 'until', now)).toBe(BigInt(now) * 1_000_000n);
    expect(() => parseTimeBound('2026-11-27', 'until', now)).toThrow(/^until: /);
  });
});

describe('timestampToNsText', () => {
  it('gives the same digits as timestampToNs, without BigInt', () => {
    for (const t of [
      '2026-11-27T12:00:00.123456789Z',
      '2026-11-27T12:00:00Z',
      '2026-11-27T14:00:00.5+02:00',
      '1970-01-01T00:00:00.000000042Z',
      '1970-01-01T00:00:01.000000001Z',
      '1969-12-31T23:59:59.5Z',
    ]) {
      expect(timestampToNsText(t), t).toBe(String(timestampToNs(t)));
    }
    expect(timestampToNsText('nope')).toBeUndefined();
  });
});
