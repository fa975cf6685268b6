import type { Suite } from './check';
import { DETECT_SUITE } from './detect-suite';
import { EXAMPLE_SUITE } from './example-suite';
import type { SuiteName } from './names';
import { TEST_SUITE } from './test-suite';

export const SUITE_BY_NAME: Readonly<Record<SuiteName, Suite>> = {
  test: TEST_SUITE,
  example: EXAMPLE_SUITE,
  detect: DETECT_SUITE,
};
