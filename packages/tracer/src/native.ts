import { createRequire } from 'node:module';
import type { TracerNativeBinding } from '@agentsh/tracer-native';
import { TracerError } from './errors';

const require = createRequire(import.meta.url);

/** Loads the native binding, or says clearly why it cannot. */
export function loadNativeBinding(): TracerNativeBinding {
  try {
    return require('@agentsh/tracer-native') as TracerNativeBinding;
  } catch (cause) {
    throw new TracerError('TRACER_UNAVAILABLE', 'native tracer is not built (run: pnpm build)', { cause });
  }
}
