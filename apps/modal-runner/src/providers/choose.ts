import type { RunnerEnv } from '../env';
import type { ProviderName } from '../suites/names';
import { createGvisorProvider, RUNSC_PATH, runscInstalled } from './gvisor';
import { createLocalProvider } from './local';
import { createModalProvider } from './modal';
import { createModalClient, hasModalCredentials } from './modal-client';
import type { Provider } from './types';

/** Why the default provider was chosen, for the report. */
export interface ProviderChoice {
  readonly name: ProviderName;
  readonly reason: string;
}

/** --provider wins; else modal with credentials, else gvisor when runsc is usable, else local (with a warning). */
export function chooseProvider(
  requested: ProviderName | undefined,
  env: RunnerEnv,
  runsc = RUNSC_PATH,
): ProviderChoice {
  if (requested) return { name: requested, reason: '--provider' };
  if (hasModalCredentials(env)) return { name: 'modal', reason: 'Modal credentials found' };
  if (runscInstalled(runsc)) return { name: 'gvisor', reason: `no Modal credentials; ${runsc} found` };
  if (env.isRoot)
    return { name: 'gvisor', reason: 'no Modal credentials; runsc will be installed (running as root)' };
  return { name: 'local', reason: 'no Modal credentials and no runsc (not root): NO ISOLATION' };
}

/** Builds the provider; only the modal one loads the SDK (and only then are credentials needed). */
export async function createProvider(name: ProviderName, env: RunnerEnv, appName: string): Promise<Provider> {
  if (name === 'gvisor') return createGvisorProvider(env);
  if (name === 'local') return createLocalProvider(env);
  return createModalProvider({ client: await createModalClient(env), appName });
}
