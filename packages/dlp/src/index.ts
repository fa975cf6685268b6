export type { DlpErrorCode, DlpErrorOptions } from './errors';
export { DlpError, isDlpError } from './errors';
