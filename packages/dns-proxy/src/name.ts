import { domainToASCII } from 'node:url';

const MAX_NAME_LENGTH = 253;

/**
 * Lower-cases ASCII letters only (RFC 4343), strips one trailing dot and converts non-ASCII
 * labels to IDNA A-labels. Returns null when the name cannot be a host name (empty label,
 * control bytes, a label longer than 63 octets, an IDNA failure). Pure-ASCII names never go
 * through domainToASCII, which would percent-decode them ("ex%41mple" -> "example").
 */
export function normaliseName(raw: string): string | null {
  const name = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  if (name.length === 0) return '';
  let ascii = true;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x21 || code === 0x7f) return null;
    if (code > 0x7f) ascii = false;
  }
  const lowered = ascii ? name.toLowerCase() : toALabels(name);
  if (lowered === null || !hasValidLabels(lowered)) return null;
  return lowered;
}

function toALabels(name: string): string | null {
  if (name.includes('%')) return null;
  const converted = domainToASCII(name);
  return converted === '' ? null : converted;
}

function hasValidLabels(name: string): boolean {
  if (name.length > MAX_NAME_LENGTH) return false;
  for (const label of name.split('.')) {
    if (label.length === 0 || label.length > 63) return false;
  }
  return true;
}

/** Decodes a wire name read as latin1 bytes (see readName) into text, UTF-8 when it is valid UTF-8. */
export function wireNameToText(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) > 0x7f) return Buffer.from(latin1, 'latin1').toString('utf8');
  }
  return latin1;
}
