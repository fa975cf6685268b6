import { createHash } from 'node:crypto';

/**
 * A short, stable fingerprint of a detected value: 12 hex characters of SHA-256 over a fixed
 * domain prefix and the value. It identifies repeats without revealing the value; note that for
 * low-entropy values (an SSN) a fingerprint can be brute-forced, so treat it as sensitive-ish.
 */
export function fingerprint(value: string): string {
  return createHash('sha256').update('agentsh-dlp/v1\u0000').update(value).digest('hex').slice(0, 12);
}
