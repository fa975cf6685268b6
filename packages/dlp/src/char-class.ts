const tables = new WeakMap<RegExp, Uint8Array>();

let lastClass: RegExp | undefined;
let lastTable: Uint8Array = new Uint8Array(128);

function tableFor(charClass: RegExp): Uint8Array {
  if (charClass === lastClass) return lastTable;
  let table = tables.get(charClass);
  if (table === undefined) {
    table = new Uint8Array(128);
    for (let c = 0; c < 128; c++) table[c] = charClass.test(String.fromCharCode(c)) ? 1 : 0;
    tables.set(charClass, table);
  }
  lastClass = charClass;
  lastTable = table;
  return table;
}

/**
 * Whether the character before `at` belongs to a one-character class regex (e.g. a rule's
 * notAfter). ASCII goes through a lookup table built once per class; false at the start.
 */
export function precededBy(text: string, at: number, charClass: RegExp): boolean {
  if (at <= 0) return false;
  const code = text.charCodeAt(at - 1);
  if (code < 128) return tableFor(charClass)[code] === 1;
  return charClass.test(text.charAt(at - 1));
}
