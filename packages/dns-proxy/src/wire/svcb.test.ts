import { describe, expect, it } from 'vitest';
import { parseSvcbHints } from './svcb';

function param(key: number, value: number[]): number[] {
  return [key >> 8, key & 0xff, value.length >> 8, value.length & 0xff, ...value];
}

describe('parseSvcbHints', () => {
  it('reads ipv4hint and ipv6hint and skips other params', () => {
    const v6 = [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 1];
    const rdata = Buffer.from([
      0,
      1, // priority
      0, // target "."
      ...param(1, [2, 0x68, 0x32]), // alpn h2
      ...param(4, [127, 0, 0, 1, 10, 0, 0, 2]),
      ...param(6, v6),
    ]);
    expect(parseSvcbHints(rdata, 0, rdata.length)).toEqual({
      priority: 1,
      target: '',
      ipv4: ['127.0.0.1', '10.0.0.2'],
      ipv6: ['2001:db8::1'],
    });
  });

  it('returns null for hints of the wrong length or params past the end', () => {
    const badHint = Buffer.from([0, 1, 0, ...param(4, [127, 0, 0])]);
    expect(parseSvcbHints(badHint, 0, badHint.length)).toBeNull();
    const overrun = Buffer.from([0, 1, 0, 0, 4, 0, 9, 127]);
    expect(parseSvcbHints(overrun, 0, overrun.length)).toBeNull();
    expect(parseSvcbHints(Buffer.from([0, 1]), 0, 2)).toBeNull();
  });
});
