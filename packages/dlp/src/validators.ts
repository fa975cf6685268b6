import { hasValidTokenChecksum } from './crc32';
import { characterClasses, hasDigit, shannonEntropy } from './entropy';
import type { ValidatorName } from './rule';

/** Luhn mod-10 check over the digits of the value (separators ignored). */
export function passesLuhn(value: string): boolean {
  const digits = value.replace(/[^0-9]/g, '');
  if (digits.length < 12) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The first JWT segment decodes to a JSON object naming `alg` or `typ`. */
export function hasJwtHeader(token: string): boolean {
  const first = token.slice(0, token.indexOf('.'));
  try {
    const header = Buffer.from(first, 'base64url').toString('latin1');
    return header.startsWith('{') && /"(?:alg|typ)"/.test(header);
  } catch {
    return false;
  }
}

/** Random-looking token: has a digit and both letter cases (identifiers and words fail). */
export function isMixedToken(value: string): boolean {
  return hasDigit(value) && /[a-z]/.test(value) && /[A-Z]/.test(value);
}

const MEMBER_EXPRESSION = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const WORDS = /^[A-Za-z]+(?:[-_.][A-Za-z0-9]{1,12})*$/;

/** A value after a secret-ish key looks generated, not like code, a word or a number. */
export function isGenericSecret(value: string): boolean {
  if (MEMBER_EXPRESSION.test(value) || WORDS.test(value)) return false;
  if (/^[0-9.,:_-]+$/.test(value)) return false;
  const entropy = shannonEntropy(value);
  if (isMixedToken(value)) return entropy >= 3.2;
  return value.length >= 24 && hasDigit(value) && characterClasses(value) >= 2 && entropy >= 3.5;
}

const VALIDATORS: Record<ValidatorName, (secret: string) => boolean> = {
  luhn: passesLuhn,
  'github-crc32': hasValidTokenChecksum,
  'jwt-header': hasJwtHeader,
  'mixed-token': isMixedToken,
  'generic-secret': isGenericSecret,
};

/** Runs the named validator on a candidate secret. */
export function runValidator(name: ValidatorName, secret: string): boolean {
  return VALIDATORS[name](secret);
}
