import { Command } from 'commander';
import { versionLine } from '../version';

/** `agentsh` with its global options and no verbs: the full CLI and the light client entry both start here. */
export function createBaseProgram(): Command {
  return new Command('agentsh')
    .description('Runtime security governance for AI agents: policy, tracing, DNS, DLP and audit')
    .version(versionLine(), '-v, --version', 'print the version')
    .option('--server <url>', 'agentsh server URL (env AGENTSH_SERVER)')
    .option('--api-key <key>', 'API key sent as X-API-Key (env AGENTSH_API_KEY)')
    .showHelpAfterError()
    .enablePositionalOptions();
}

/** Parses argv and turns a thrown error into `agentsh: <message>` and exit code 1. */
export function runProgram(program: Command): void {
  program.parseAsync(process.argv).catch((err: unknown) => {
    process.stderr.write(`agentsh: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
