import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8ChunkDecoder, incompleteTail } from './utf8-chunks';

const BYTES = [
  0x41, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
];

describe('UTF-8 chunk decoder', () => {
  it('holds back only a sequence that may still be completed', () => {
    expect(incompleteTail(Buffer.from('a€'))).toBe(0);
    expect(incompleteTail(Buffer.from('a€').subarray(0, 3))).toBe(2);
    expect(incompleteTail(Buffer.from('🙂').subarray(0, 1))).toBe(1);
    expect(incompleteTail(Uint8Array.of(0x41, 0x80, 0x80))).toBe(0);
  });

  it('gives what TextDecoder gives for the joined bytes, however they are cut (ill-formed too)', () => {
    const byte = fc.oneof(fc.constantFrom(...BYTES), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 6 }), { maxLength: 6 }),
        fc.array(byte),
        (parts, extra) => {
          const chunks = [...parts, Uint8Array.from(extra)];
          const decoder = createUtf8ChunkDecoder();
          const out = chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
          expect(out).toBe(new TextDecoder().decode(Buffer.concat(chunks)));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('does not keep a reference to a chunk the caller may reuse', () => {
    const decoder = createUtf8ChunkDecoder();
    const chunk = Buffer.from('x\u00e9').subarray(0, 2);
    expect(decoder.decode(chunk)).toBe('x');
    chunk.fill(0x41);
    expect(decoder.decode(Uint8Array.of(0xa9)) + decoder.end()).toBe('\u00e9');
  });
});
