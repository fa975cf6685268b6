import { describe, expect, it } from 'vitest';
import { selectChecks } from './select';
import { TEST_SUITE } from './test-suite';

describe('selectChecks', () => {
  it('keeps the listed checks and the session check they need, in suite order', () => {
    const suite = selectChecks(TEST_SUITE, ['t16', 'A04']);
    expect(suite.checks.map((c) => c.id)).toEqual(['T04', 'T16', 'A04']);
  });

  it('does not add the session check for checks that need none', () => {
    expect(selectChecks(TEST_SUITE, ['T01']).checks.map((c) => c.id)).toEqual(['T01']);
  });

  it('rejects unknown ids', () => {
    expect(() => selectChecks(TEST_SUITE, ['T99'])).toThrow('--only: no check T99 in suite test');
  });
});
