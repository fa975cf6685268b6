export type { TracerErrorCode, TracerErrorOptions } from './errors';
export { isTracerError, TracerError } from './errors';
export { loadNativeBinding } from './native';
