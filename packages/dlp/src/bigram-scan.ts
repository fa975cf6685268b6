/**
 * One pass over the text that finds where any of many short literals starts: a table over
 * case-folded character pairs says whether some literal starts with that pair, so most positions
 * cost one table load; only positions whose pair starts a literal are handed to `onPair`.
 * Offsets are UTF-16 code units; characters outside ASCII never start a pair here (callers keep
 * literals that start with such characters out of the table).
 */
export interface PairTable {
  /** 0 = no literal starts with this folded pair; otherwise the bucket number. */
  readonly buckets: Uint16Array;
  /** Per bucket and folded third character: 1 when some literal of the bucket can go on so. */
  readonly thirds: Uint8Array;
}

/** ASCII case fold to a 7-bit code; everything outside ASCII maps to 0, which starts no literal. */
const FOLD = new Uint8Array(256);
for (let c = 1; c < 128; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c;

export function foldedPair(a: number, b: number): number {
  return ((a < 128 ? (FOLD[a] as number) : 0) << 7) | (b < 128 ? (FOLD[b] as number) : 0);
}

/**
 * A table over the literals: bucket b (from 1) holds the literals `literals[b - 1]`, which share
 * their folded first pair. Two-character literals let any third character through.
 */
export function createPairTable(literals: readonly (readonly string[])[]): PairTable {
  const buckets = new Uint16Array(128 * 128);
  const thirds = new Uint8Array((literals.length + 1) * 128);
  literals.forEach((group, index) => {
    const bucket = index + 1;
    for (const literal of group) {
      buckets[foldedPair(literal.charCodeAt(0), literal.charCodeAt(1))] = bucket;
      if (literal.length === 2) thirds.fill(1, bucket * 128, bucket * 128 + 128);
      else thirds[bucket * 128 + foldedPair(0, literal.charCodeAt(2))] = 1;
    }
  });
  return { buckets, thirds };
}

/**
 * Calls `onPair(at, bucket)` for each position whose folded pair has a bucket, left to right.
 * The text is read as Latin-1 bytes (one per UTF-16 unit, so offsets are kept); a character
 * above U+00FF is truncated to its low byte, which can only add positions, never lose one, because
 * `onPair` verifies against the text itself.
 */
let scratch = Buffer.alloc(0);

/** The text as Latin-1 bytes in a reused buffer (valid until the next call). */
function latin1Bytes(text: string): Buffer {
  if (scratch.length < text.length) scratch = Buffer.allocUnsafe(Math.max(text.length, scratch.length * 2));
  scratch.write(text, 0, text.length, 'latin1');
  return scratch;
}

export function scanPairs(
  text: string,
  table: PairTable,
  onPair: (at: number, bucket: number) => void,
): void {
  const n = text.length;
  if (n < 2) return;
  const bytes = latin1Bytes(text);
  const { buckets, thirds } = table;
  let prev = FOLD[bytes[0] as number] as number;
  const last = n - 1;
  for (let i = 1; i < last; i++) {
    const cur = FOLD[bytes[i] as number] as number;
    const bucket = buckets[(prev << 7) | cur] as number;
    prev = cur;
    if (bucket === 0 || thirds[(bucket << 7) | (FOLD[bytes[i + 1] as number] as number)] === 0) continue;
    onPair(i - 1, bucket);
  }
  const bucket = buckets[(prev << 7) | (FOLD[bytes[last] as number] as number)] as number;
  if (bucket !== 0) onPair(last - 1, bucket);
}
