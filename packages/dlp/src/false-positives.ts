/** Shared false-positive filters applied after a regex matched. All take the candidate secret. */

const PLACEHOLDER_WORDS = [
  'example',
  'placeholder',
  'your_',
  'your-',
  'yourkey',
  'yourtoken',
  'redacted',
  'changeme',
  'dummy',
  'sample',
  'xxxxxx',
  '******',
  '......',
  '<',
  '${',
  '{{',
  '%s',
];

/** Template markers, "your key here" text and masked values. */
export function isPlaceholder(secret: string): boolean {
  const lower = secret.toLowerCase();
  for (const word of PLACEHOLDER_WORDS) if (lower.includes(word)) return true;
  return false;
}

/** AWS documentation keys and friends end in EXAMPLE or EXAMPLEKEY. */
export function isExampleKey(secret: string): boolean {
  return /EXAMPLE(?:KEY)?$/.test(secret);
}

/** One character repeated, ignoring a typed prefix such as `ghp_` (checked on the tail). */
export function isAllSameCharacter(secret: string): boolean {
  const tail = secret.replace(/^[A-Za-z]{2,12}[_-]/, '');
  if (tail.length < 4) return false;
  const first = tail[0];
  for (let i = 1; i < tail.length; i++) if (tail[i] !== first) return false;
  return true;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9A-F]{40}|[0-9A-F]{64})$/;

/** A bare UUID or hex digest (git SHA, md5, sha256): only a secret when the context says so. */
export function isBareId(secret: string): boolean {
  return UUID.test(secret) || DIGEST.test(secret);
}

/** The shared filters every secret rule with `commonFilters` runs. */
export function isCommonFalsePositive(secret: string): boolean {
  return isPlaceholder(secret) || isExampleKey(secret) || isAllSameCharacter(secret);
}
