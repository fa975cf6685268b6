import { RunnerError } from '../errors';
import type { Sandbox } from '../providers/types';

/**
 * Debian's runsc (gVisor 2022-12) rejects statx() with AT_NO_AUTOMOUNT (EINVAL), so coreutils `ls` and `stat`
 * fail even untraced and tests.py's `ls /` checks would fail for a reason that is not agentsh's. Inside the
 * sandbox only (its writable layer), a preloaded shim drops the flag. Modal's newer gVisor does not need it;
 * the probe decides.
 */
export const SHIM_DIR = '/usr/lib/agentsh-modal';
export const SHIM_PATH = `${SHIM_DIR}/statx-shim.so`;
const PROBE = 'ls -ld / > /dev/null 2>&1';

const SHIM_C = `#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf) {
  return (int)syscall(SYS_statx, dirfd, path, flags & ~AT_NO_AUTOMOUNT, mask, buf);
}
`;

export type ShimOutcome = 'not-needed' | 'installed';

/** Probes the quirk; when present, builds the shim with the sandbox's cc and lists it in /etc/ld.so.preload. */
export async function workAroundStatx(sandbox: Sandbox): Promise<ShimOutcome> {
  if ((await sandbox.exec(PROBE)).exitCode === 0) return 'not-needed';
  await sandbox.writeFile(`${SHIM_DIR}/statx-shim.c`, SHIM_C);
  const built = await sandbox.exec(`cc -shared -fPIC -O2 -o ${SHIM_PATH} ${SHIM_DIR}/statx-shim.c`, {
    timeoutMs: 60_000,
  });
  if (built.exitCode !== 0)
    throw new RunnerError(
      'RUNNER_SANDBOX_FAILED',
      `cannot build the statx shim in ${SHIM_DIR}: ${built.stderr.slice(0, 500)}`,
    );
  await sandbox.writeFile('/etc/ld.so.preload', `${SHIM_PATH}\n`);
  if ((await sandbox.exec(PROBE)).exitCode !== 0)
    throw new RunnerError('RUNNER_SANDBOX_FAILED', `the statx shim ${SHIM_PATH} did not fix \`${PROBE}\``);
  return 'installed';
}
