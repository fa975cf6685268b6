/** Control frames to the helper (native/tracer/src/ctl.h): u32 length, u8 type, payload. */
export const FRAME_TABLE = 1;
export const FRAME_KILL = 2;
export const FRAME_ANSWER = 3;
export const FRAME_NAMES = 4;

export function frame(type: number, payload: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + payload.length);
  out.writeUInt32LE(payload.length + 1, 0);
  out.writeUInt8(type, 4);
  out.set(payload, 5);
  return out;
}

export function u32s(...values: number[]): Uint8Array {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => {
    out.writeUInt32LE(v >>> 0, i * 4);
  });
  return out;
}

/** Splits a byte stream into JSON lines; returns the unfinished tail. */
export function splitLines(buffered: string, chunk: string, onLine: (line: string) => void): string {
  const text = buffered + chunk;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    const line = text.slice(start, nl);
    start = nl + 1;
    if (line.length > 0) onLine(line);
  }
  return text.slice(start);
}
