import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameReader, frame } from './frame-reader';

describe('FrameReader', () => {
  it('yields the same messages however the stream is split into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (messages, cuts) => {
          const stream = Buffer.concat(messages.map((m) => frame(Buffer.from(m))));
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const reader = new FrameReader();
          const out: Buffer[] = [];
          let from = 0;
          for (const to of [...points, stream.length]) {
            out.push(...reader.push(stream.subarray(from, to)));
            from = to;
          }
          expect(out.map((b) => [...b])).toEqual(messages.map((m) => [...m]));
          expect(reader.pending).toBe(0);
        },
      ),
    );
  });

  it('holds a partial message until the rest arrives', () => {
    const reader = new FrameReader();
    const framed = frame(Buffer.from([1, 2, 3]));
    expect(reader.push(framed.subarray(0, 1))).toEqual([]);
    expect(reader.push(framed.subarray(1, 4))).toEqual([]);
    expect(reader.pending).toBe(4);
    expect(reader.push(framed.subarray(4))).toEqual([Buffer.from([1, 2, 3])]);
  });
});
