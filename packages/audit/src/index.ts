export type { AuditErrorCode, AuditErrorOptions } from './errors';
export { AuditError, isAuditError } from './errors';
