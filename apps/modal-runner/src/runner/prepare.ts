import { RunnerError } from '../errors';
import type { ImageSpec } from '../image/spec';
import type { Sandbox } from '../providers/types';

/** Creates agentsh's directories (world-writable, as agentsh-modal does) and writes the generated files. */
export async function prepareSandbox(sandbox: Sandbox, spec: ImageSpec): Promise<void> {
  const dirs = spec.directories.join(' ');
  const made = await sandbox.exec(`mkdir -p ${dirs} && chmod 777 ${dirs}`);
  if (made.exitCode !== 0)
    throw new RunnerError('RUNNER_SANDBOX_FAILED', `cannot create ${dirs} in the sandbox: ${made.stderr}`);
  for (const file of spec.files) await sandbox.writeFile(file.path, file.content, file.mode);
}
