/** Our release. */
export const VERSION = '0.1.0';
/** The agentsh release whose config, policy, CLI and API this one is compatible with. */
export const COMPATIBLE_AGENTSH_VERSION = '0.16.1';

/** The line `agentsh --version` prints; agentsh-modal's suite greps it for the compatible version. */
export function versionLine(): string {
  return `agentsh ${VERSION} (compatible with agentsh ${COMPATIBLE_AGENTSH_VERSION})`;
}
