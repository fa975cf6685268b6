import { Command } from 'commander';
import { versionLine } from '../version';
import { COMMANDS } from './commands/index';

/** Builds the `agentsh` command tree. Verbs register themselves here as they land. */
export function createProgram(): Command {
  const program = new Command('agentsh')
    .description('Runtime security governance for AI agents: policy, tracing, DNS, DLP and audit')
    .version(versionLine(), '-v, --version', 'print the version')
    .option('--server <url>', 'agentsh server URL (env AGENTSH_SERVER)')
    .option('--api-key <key>', 'API key sent as X-API-Key (env AGENTSH_API_KEY)')
    .showHelpAfterError()
    .enablePositionalOptions();
  for (const register of COMMANDS) register(program);
  return program;
}
