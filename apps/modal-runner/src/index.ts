export { createProgram } from './cli/program';
export type { ProviderName, SuiteName } from './suites';
export { isSuiteName, PROVIDERS, SUITES } from './suites';
