/**
 * A coarse character set for the linear-time checks: one bit per ASCII code plus one bit that
 * stands for "some non-ASCII character". Good enough to tell whether two repeats can overlap.
 */
export interface CharSet {
  readonly ascii: Uint8Array;
  nonAscii: boolean;
}

export function emptySet(): CharSet {
  return { ascii: new Uint8Array(128), nonAscii: false };
}

export function addRange(set: CharSet, from: number, to: number): void {
  for (let c = from; c <= to; c++) {
    if (c < 128) set.ascii[c] = 1;
    else {
      set.nonAscii = true;
      break;
    }
  }
  if (to >= 128) set.nonAscii = true;
}

export function union(into: CharSet, other: CharSet): void {
  for (let c = 0; c < 128; c++) if (other.ascii[c] === 1) into.ascii[c] = 1;
  if (other.nonAscii) into.nonAscii = true;
}

export function complement(set: CharSet): CharSet {
  const out = emptySet();
  for (let c = 0; c < 128; c++) out.ascii[c] = set.ascii[c] === 1 ? 0 : 1;
  out.nonAscii = true;
  return out;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  if (a.nonAscii && b.nonAscii) return true;
  for (let c = 0; c < 128; c++) if (a.ascii[c] === 1 && b.ascii[c] === 1) return true;
  return false;
}

/** The set of a one-letter escape (`d`, `w`, `s` and their negations), or undefined. */
export function escapeSet(letter: string): CharSet | undefined {
  const set = emptySet();
  switch (letter.toLowerCase()) {
    case 'd':
      addRange(set, 48, 57);
      break;
    case 'w':
      addRange(set, 48, 57);
      addRange(set, 65, 90);
      addRange(set, 97, 122);
      addRange(set, 95, 95);
      break;
    case 's':
      for (const c of [9, 10, 11, 12, 13, 32]) addRange(set, c, c);
      break;
    default:
      return undefined;
  }
  return letter === letter.toUpperCase() ? complement(set) : set;
}

/** Adds the other case of every ASCII letter in the set (for case-insensitive scopes). */
export function foldCase(set: CharSet): void {
  for (let c = 65; c <= 90; c++) {
    if (set.ascii[c] === 1 || set.ascii[c + 32] === 1) {
      set.ascii[c] = 1;
      set.ascii[c + 32] = 1;
    }
  }
}

/** A JS character class matching exactly the ASCII part of the set (non-ASCII is dropped). */
export function toClass(set: CharSet): string {
  let out = '';
  for (let c = 0; c < 128; c++) {
    if (set.ascii[c] !== 1) continue;
    let end = c;
    while (end + 1 < 128 && set.ascii[end + 1] === 1) end++;
    const hex = (n: number) => `\\x${n.toString(16).padStart(2, '0')}`;
    out += end > c ? `${hex(c)}-${hex(end)}` : hex(c);
    c = end;
  }
  return `[${out}]`;
}
