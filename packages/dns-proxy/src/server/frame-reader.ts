/**
 * Splits a TCP byte stream into DNS messages (RFC 1035 §4.2.2: each prefixed by a 2-byte length).
 * One chunk may hold part of a message or several; push() returns every message completed.
 */
export class FrameReader {
  #buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
    const frames: Buffer[] = [];
    let offset = 0;
    while (this.#buffered.length - offset >= 2) {
      const length = this.#buffered.readUInt16BE(offset);
      if (this.#buffered.length - offset - 2 < length) break;
      frames.push(Buffer.from(this.#buffered.subarray(offset + 2, offset + 2 + length)));
      offset += 2 + length;
    }
    this.#buffered = offset === 0 ? this.#buffered : this.#buffered.subarray(offset);
    return frames;
  }

  /** Bytes held for a message not yet complete. */
  get pending(): number {
    return this.#buffered.length;
  }
}

/** Prefixes a message with its 2-byte length. */
export function frame(message: Buffer): Buffer {
  const out = Buffer.allocUnsafe(message.length + 2);
  out.writeUInt16BE(message.length, 0);
  message.copy(out, 2);
  return out;
}
