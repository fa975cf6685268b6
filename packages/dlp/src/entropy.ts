const counts = new Uint32Array(128);
const order = new Uint8Array(128);

/** ASCII-only values: counts in a reused table, summed in first-occurrence order like the Map. */
function asciiEntropy(value: string): number | undefined {
  let distinct = 0;
  let ascii = true;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128) {
      ascii = false;
      break;
    }
    if (counts[code] === 0) order[distinct++] = code;
    counts[code] = (counts[code] as number) + 1;
  }
  let bits = 0;
  for (let k = 0; k < distinct; k++) {
    const code = order[k] as number;
    const p = (counts[code] as number) / value.length;
    bits -= p * Math.log2(p);
    counts[code] = 0;
  }
  if (!ascii) counts.fill(0);
  return ascii ? bits : undefined;
}

/** Shannon entropy of a string in bits per character (0 for the empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const ascii = asciiEntropy(value);
  if (ascii !== undefined) return ascii;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const total = [...value].length;
  for (const count of counts.values()) {
    const p = count / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many of lowercase, uppercase, digit and other characters occur in the value. */
export function characterClasses(value: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/** True when the value contains an ASCII digit. */
export function hasDigit(value: string): boolean {
  return /[0-9]/.test(value);
}
