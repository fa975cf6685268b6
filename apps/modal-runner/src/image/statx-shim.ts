import { RunnerError } from '../errors';
import type { AgentSandbox } from '../providers/agent-sandbox';

/**
 * Debian's runsc (gVisor 2022-12) rejects statx() with AT_NO_AUTOMOUNT (EINVAL), so coreutils `ls` and `stat`
 * fail even untraced, and tests.py's `ls` checks would fail for a reason that is not agentsh's. The gvisor
 * provider builds, inside the sandbox's writable layer, a shim that drops the flag and preloads it with
 * LD_PRELOAD for every command; the sandbox config injects the same LD_PRELOAD into agentsh exec
 * (sandbox.env_inject). /etc/ld.so.preload is not used: agentsh's policy denies reading it.
 */
export const SHIM_DIR = '/usr/lib/agentsh-modal';
export const SHIM_PATH = `${SHIM_DIR}/statx-shim.so`;
export const STATX_PROBE = 'ls -ld / > /dev/null';

const SHIM_C = `#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf) {
  return (int)syscall(SYS_statx, dirfd, path, flags & ~AT_NO_AUTOMOUNT, mask, buf);
}
`;

/** Environment the daemon adds to every traced command on the gvisor provider. */
export const STATX_ENV_INJECT: Readonly<Record<string, string>> = { LD_PRELOAD: SHIM_PATH };

/** Builds the shim with the sandbox's cc (always, so LD_PRELOAD never names a missing file) and preloads it. */
export async function installStatxShim(sandbox: AgentSandbox): Promise<void> {
  await sandbox.writeFile(`${SHIM_DIR}/statx-shim.c`, SHIM_C);
  const built = await sandbox.exec(`cc -shared -fPIC -O2 -o ${SHIM_PATH} ${SHIM_DIR}/statx-shim.c`, {
    timeoutMs: 60_000,
  });
  if (built.exitCode !== 0)
    throw new RunnerError(
      'RUNNER_SANDBOX_FAILED',
      `gvisor: cannot build the statx shim in ${SHIM_DIR}: ${built.stderr.slice(0, 500)}`,
    );
  await sandbox.setEnv(STATX_ENV_INJECT);
  const probe = await sandbox.exec(STATX_PROBE);
  if (probe.exitCode !== 0)
    throw new RunnerError(
      'RUNNER_SANDBOX_FAILED',
      `gvisor: \`${STATX_PROBE}\` still fails with ${SHIM_PATH}: ${probe.stderr}`,
    );
}
