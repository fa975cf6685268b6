import { describe, expect, it } from 'vitest';
import { AuditError, isAuditError } from './errors';

describe('AuditError', () => {
  it('carries code, hint and cause', () => {
    const cause = new Error('inner');
    const err = new AuditError('AUDIT_OPEN', 'what went wrong', { cause, hint: 'try this' });
    expect(err.name).toBe('AuditError');
    expect(err.code).toBe('AUDIT_OPEN');
    expect(err.hint).toBe('try this');
    expect(err.cause).toBe(cause);
    expect(isAuditError(err)).toBe(true);
  });

  it('rejects look-alikes', () => {
    expect(isAuditError(new Error('x'))).toBe(false);
    expect(isAuditError({ name: 'AuditError', code: 'AUDIT_X' })).toBe(false);
  });
});
