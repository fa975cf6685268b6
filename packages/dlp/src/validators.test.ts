import { describe, expect, it } from 'vitest';
import { hasJwtHeader, isGenericSecret, isMixedToken, passesLuhn, runValidator } from './validators';

describe('validators', () => {
  it('checks Luhn over digits, ignoring separators', () => {
    expect(passesLuhn('4111 1111 1111 1111')).toBe(true);
    expect(passesLuhn('4111-1111-1111-1112')).toBe(false);
    expect(passesLuhn('79927398713')).toBe(false);
  });

  it('checks JWT headers', () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    expect(hasJwtHeader(`${header}.eyJ4IjoxfQ.`)).toBe(true);
    expect(hasJwtHeader('eyJub3RoaW5nIjoxfQ.eyJ4IjoxfQ.')).toBe(false);
  });

  it('tells random tokens from identifiers and words', () => {
    expect(isMixedToken('aB3dE5fG7h')).toBe(true);
    expect(isMixedToken('secretManagerServiceClient')).toBe(false);
    expect(isGenericSecret('Xy9zPq2Lm8Nv4Rt6')).toBe(true);
    expect(isGenericSecret('process.env.OPENAI_API_KEY')).toBe(false);
    expect(isGenericSecret('my-app-secret-prod')).toBe(false);
    expect(isGenericSecret('1234567890')).toBe(false);
    expect(runValidator('generic-secret', '3f786850e387550fdab836ed7e6dc881de23001b')).toBe(true);
  });
});
