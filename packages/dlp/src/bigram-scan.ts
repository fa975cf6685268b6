/**
 * One pass over the text that finds where any of many literals may start. The text is copied as
 * Latin-1 bytes (one per UTF-16 unit, so offsets are kept; a character above U+00FF keeps its low
 * byte) and read four bytes at a time. Each byte is folded with `| 0x20` (ASCII letters to lower
 * case; a few other bytes collide, which only adds candidates). A table over folded byte pairs
 * names the bucket of literals starting with that pair, a second table filters on the third byte,
 * and `onPair` gets the survivors, which the caller verifies against the text itself.
 */
export interface PairTable {
  /** Bucket (from 1) per folded pair `first | second << 8`; 0 = no literal starts so. */
  readonly buckets: Uint8Array | Uint16Array;
  /** Per `bucket << 8 | folded third byte`: 1 when some literal of the bucket can go on so. */
  readonly thirds: Uint8Array;
}

/** The folded byte of a UTF-16 unit, as the scan sees it. */
export function foldByte(code: number): number {
  return (code & 0xff) | 0x20;
}

/** The table index of the folded pair starting a literal. */
export function pairIndex(literal: string): number {
  return foldByte(literal.charCodeAt(0)) | (foldByte(literal.charCodeAt(1)) << 8);
}

/**
 * A table over groups of literals (two characters or more) that share their folded first pair:
 * group i is bucket i + 1. Two-character literals let any third byte through.
 */
export function createPairTable(groups: readonly (readonly string[])[]): PairTable {
  const buckets = groups.length < 256 ? new Uint8Array(65536) : new Uint16Array(65536);
  const thirds = new Uint8Array((groups.length + 1) * 256);
  groups.forEach((group, index) => {
    const bucket = index + 1;
    for (const literal of group) {
      buckets[pairIndex(literal)] = bucket;
      if (literal.length === 2) thirds.fill(1, bucket * 256, bucket * 256 + 256);
      else thirds[bucket * 256 + foldByte(literal.charCodeAt(2))] = 1;
    }
  });
  return { buckets, thirds };
}

/** Texts up to this many characters reuse one buffer; longer ones get a buffer of their own. */
const REUSED_LIMIT = 1 << 20;
let memory = new ArrayBuffer(0);
let bytes = new Uint8Array(memory);
let words = new Uint32Array(memory);

/**
 * Copies the text as Latin-1 bytes into 4-aligned memory padded with 8 zero bytes: a reused buffer
 * for texts up to 1 MB (so a one-off huge input is not kept alive), a fresh one beyond.
 */
function load(text: string): void {
  const need = (text.length + 11) & ~3;
  if (memory.byteLength < need) {
    const size =
      need > REUSED_LIMIT ? need : Math.min(REUSED_LIMIT + 12, Math.max(need, memory.byteLength * 2));
    memory = new ArrayBuffer(size);
    bytes = new Uint8Array(memory);
    words = new Uint32Array(memory);
  }
  Buffer.from(memory).write(text, 0, text.length, 'latin1');
  bytes.fill(0, text.length, text.length + 8);
}

/** Drops a buffer grown for a huge text once the scan is done. */
function release(): void {
  if (memory.byteLength > REUSED_LIMIT + 12) {
    memory = new ArrayBuffer(0);
    bytes = new Uint8Array(memory);
    words = new Uint32Array(memory);
  }
}

/**
 * Calls `onPair(at, bucket)` for each position whose folded pair and third byte fit a bucket,
 * left to right (words are little-endian: byte k of a word is `word >>> 8k`).
 */
export function scanPairs(
  text: string,
  table: PairTable,
  onPair: (at: number, bucket: number) => void,
): void {
  const n = text.length;
  if (n < 2) return;
  load(text);
  const { buckets, thirds } = table;
  const count = (n + 3) >>> 2;
  const text32 = words;
  let word = (text32[0] as number) | 0x20202020;
  for (let j = 0; j < count; j++) {
    const next = (text32[j + 1] as number) | 0x20202020;
    const a = buckets[word & 0xffff] as number;
    const b = buckets[(word >>> 8) & 0xffff] as number;
    const c = buckets[word >>> 16] as number;
    const d = buckets[(word >>> 24) | ((next & 0xff) << 8)] as number;
    if ((a | b | c | d) !== 0) {
      const at = j << 2;
      if (a !== 0 && thirds[(a << 8) | ((word >>> 16) & 0xff)] !== 0) onPair(at, a);
      if (b !== 0 && thirds[(b << 8) | (word >>> 24)] !== 0 && at + 1 < n) onPair(at + 1, b);
      if (c !== 0 && thirds[(c << 8) | (next & 0xff)] !== 0 && at + 2 < n) onPair(at + 2, c);
      if (d !== 0 && thirds[(d << 8) | ((next >>> 8) & 0xff)] !== 0 && at + 3 < n) onPair(at + 3, d);
    }
    word = next;
  }
  release();
}
