import { execFile } from 'node:child_process';
import type { TracerNativeBinding } from '@agentsh/tracer-native';
import { TracerError } from './errors';
import { loadNativeBinding } from './native';

/** What tracing mechanisms work on this machine (natively, under gVisor, ...). */
export interface Capabilities {
  seize: boolean;
  seccompTrace: boolean;
  /** A syscall skipped at its seccomp stop returns the errno the tracer set (no exit stop needed). */
  denyAtSeccompStop: boolean;
  procMem: boolean;
  processVmReadv: boolean;
  getSyscallInfo: boolean;
  openat2: boolean;
  exitKill: boolean;
  /** "enter-before-seccomp" (Linux >= 4.8) or "seccomp-before-enter" (gVisor, old Linux). */
  seccompOrder: string;
}

/** Runs `agentsh-tracer probe` and returns its report. */
export function probeCapabilities(
  deps: { binding?: Pick<TracerNativeBinding, 'helperPath'> } = {},
): Promise<Capabilities> {
  const binding = deps.binding ?? loadNativeBinding();
  return new Promise((resolve, reject) => {
    execFile(binding.helperPath, ['probe'], { timeout: 20_000 }, (error, stdout) => {
      if (error) {
        reject(
          new TracerError('TRACER_UNAVAILABLE', `capability probe failed: ${error.message}`, {
            cause: error,
          }),
        );
        return;
      }
      try {
        resolve(JSON.parse(stdout) as Capabilities);
      } catch (cause) {
        reject(new TracerError('TRACER_PROTOCOL', 'capability probe printed no JSON', { cause }));
      }
    });
  });
}
