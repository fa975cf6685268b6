/** The suites `agentsh-modal` runs, as agentsh-modal's scripts name them. */
export const SUITES = ['test', 'example', 'detect'] as const;
export type SuiteName = (typeof SUITES)[number];

/** The sandbox providers, in the order the default is chosen. */
export const PROVIDERS = ['modal', 'gvisor', 'local'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export function isSuiteName(value: string): value is SuiteName {
  return (SUITES as readonly string[]).includes(value);
}

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDERS as readonly string[]).includes(value);
}
