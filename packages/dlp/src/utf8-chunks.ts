/**
 * Decodes UTF-8 arriving in chunks. Node's `Buffer#toString('utf8')` replaces ill-formed input
 * exactly like the WHATWG TextDecoder (one U+FFFD per maximal ill-formed subpart) and is several
 * times faster than `TextDecoder.decode(chunk, { stream: true })` on large chunks, so each chunk is
 * decoded whole except for a trailing sequence that may still be completed; those bytes wait for
 * the next chunk. The joined output equals decoding all bytes at once.
 */
export interface Utf8ChunkDecoder {
  decode(chunk: Uint8Array): string;
  /** The bytes still held (an incomplete sequence at the end comes out as U+FFFD). */
  end(): string;
}

/**
 * How many bytes at the end start a multi-byte sequence that is not complete yet (0-3). A byte
 * that can never be completed is held too; that is harmless, it is decoded with what follows.
 */
export function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = bytes[n - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return 0;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return need > back ? back : 0;
  }
  return 0;
}

function decodeBytes(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('utf8');
}

export function createUtf8ChunkDecoder(): Utf8ChunkDecoder {
  let held: Uint8Array = new Uint8Array(0);
  return {
    decode(chunk) {
      const bytes = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
      const keep = incompleteTail(bytes);
      // A copy (Buffer#slice would share the caller's memory).
      held = keep === 0 ? new Uint8Array(0) : Uint8Array.from(bytes.subarray(bytes.length - keep));
      return decodeBytes(bytes, bytes.length - keep);
    },
    end() {
      const rest = decodeBytes(held, held.length);
      held = new Uint8Array(0);
      return rest;
    },
  };
}
