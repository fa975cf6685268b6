import { ADDITION_CHECKS } from './additions';
import type { Suite } from './check';
import { TESTS_PY_CHECKS } from './tests-py';

/** `agentsh-modal test`: tests.py v0.16.1's 41 checks, then ours. */
export const TEST_SUITE: Suite = {
  name: 'test',
  appName: 'agentsh-tests',
  title: 'agentsh security test suite (agentsh-modal tests.py v0.16.1 + agentsh-ts additions)',
  startsDaemon: true,
  checks: [...TESTS_PY_CHECKS, ...ADDITION_CHECKS],
};
