import { describe, expect, it } from 'vitest';
import { isPolicyError, PolicyError } from './errors';

describe('PolicyError', () => {
  it('carries code, hint and cause', () => {
    const cause = new Error('inner');
    const err = new PolicyError('POLICY_PARSE', 'what went wrong', { cause, hint: 'try this' });
    expect(err.name).toBe('PolicyError');
    expect(err.code).toBe('POLICY_PARSE');
    expect(err.hint).toBe('try this');
    expect(err.cause).toBe(cause);
    expect(isPolicyError(err)).toBe(true);
  });

  it('rejects look-alikes', () => {
    expect(isPolicyError(new Error('x'))).toBe(false);
    expect(isPolicyError({ name: 'PolicyError', code: 'POLICY_X' })).toBe(false);
  });
});
