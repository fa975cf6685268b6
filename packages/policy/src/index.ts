export type { PolicyErrorCode, PolicyErrorOptions } from './errors';
export { isPolicyError, PolicyError } from './errors';
