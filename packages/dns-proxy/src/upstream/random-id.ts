import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(8192);
let next = pool.length;

/** A 16-bit query id from the crypto RNG (RFC 5452), drawn from a refilled pool for speed. */
export function randomQueryId(): number {
  if (next + 2 > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const id = pool.readUInt16BE(next);
  next += 2;
  return id;
}
