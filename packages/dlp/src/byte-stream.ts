import type { StreamRedactorOptions } from './stream-redactor';
import { createTextStreamRedactor } from './stream-redactor';
import { createUtf8ChunkDecoder } from './utf8-chunks';

/** Redacts a UTF-8 byte stream (stdout, stderr, an SSE body); safe across chunk boundaries. */
export interface StreamRedactor {
  /** Adds bytes; returns redacted bytes that are final (possibly empty). */
  write(chunk: Uint8Array): Uint8Array;
  /** Returns the rest, redacted, including a trailing incomplete UTF-8 sequence (as U+FFFD). */
  end(): Uint8Array;
}

/**
 * Byte-level streaming redactor. A multi-byte character split across chunks is decoded whole;
 * bytes that are not UTF-8 come out as U+FFFD (the redactor works on text).
 */
export function createStreamRedactor(options: StreamRedactorOptions = {}): StreamRedactor {
  const decoder = createUtf8ChunkDecoder();
  const text = createTextStreamRedactor(options);
  return {
    write(chunk) {
      return Buffer.from(text.push(decoder.decode(chunk)), 'utf8');
    },
    end() {
      const tail = decoder.end();
      return Buffer.from(text.push(tail) + text.end(), 'utf8');
    },
  };
}

/** The same as a web TransformStream, for fetch/SSE bodies (`Duplex.fromWeb` adapts it for Node). */
export function createRedactingTransform(
  options: StreamRedactorOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  const redactor = createStreamRedactor(options);
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const out = redactor.write(chunk);
      if (out.length > 0) controller.enqueue(out);
    },
    flush(controller) {
      const out = redactor.end();
      if (out.length > 0) controller.enqueue(out);
    },
  });
}
