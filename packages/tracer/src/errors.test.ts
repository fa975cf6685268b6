import { describe, expect, it } from 'vitest';
import { isTracerError, TracerError } from './errors';

describe('TracerError', () => {
  it('carries code, hint and cause', () => {
    const cause = new Error('inner');
    const err = new TracerError('TRACER_UNAVAILABLE', 'what went wrong', { cause, hint: 'try this' });
    expect(err.name).toBe('TracerError');
    expect(err.code).toBe('TRACER_UNAVAILABLE');
    expect(err.hint).toBe('try this');
    expect(err.cause).toBe(cause);
    expect(isTracerError(err)).toBe(true);
  });

  it('rejects look-alikes', () => {
    expect(isTracerError(new Error('x'))).toBe(false);
    expect(isTracerError({ name: 'TracerError', code: 'TRACER_X' })).toBe(false);
  });
});
