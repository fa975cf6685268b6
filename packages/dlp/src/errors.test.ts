import { describe, expect, it } from 'vitest';
import { DlpError, isDlpError } from './errors';

describe('DlpError', () => {
  it('carries code, hint and cause', () => {
    const cause = new Error('inner');
    const err = new DlpError('DLP_INVALID_PATTERN', 'what went wrong', { cause, hint: 'try this' });
    expect(err.name).toBe('DlpError');
    expect(err.code).toBe('DLP_INVALID_PATTERN');
    expect(err.hint).toBe('try this');
    expect(err.cause).toBe(cause);
    expect(isDlpError(err)).toBe(true);
  });

  it('rejects look-alikes', () => {
    expect(isDlpError(new Error('x'))).toBe(false);
    expect(isDlpError({ name: 'DlpError', code: 'DLP_X' })).toBe(false);
  });
});
