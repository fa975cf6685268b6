import { Command } from 'commander';
import { versionLine } from '../version';
import { registerApproveCommand } from './commands/approve';
import { registerExecCommand } from './commands/exec';
import { registerSessionCommand } from './commands/session';

/**
 * The light entry for the client verbs the agent runs all the time (exec, session, approve): it loads
 * no server module (SQLite, hono, policy, tracer), so each `agentsh exec` starts fast.
 */
const program = new Command('agentsh')
  .version(versionLine(), '-v, --version', 'print the version')
  .option('--server <url>', 'agentsh server URL (env AGENTSH_SERVER)')
  .option('--api-key <key>', 'API key sent as X-API-Key (env AGENTSH_API_KEY)')
  .enablePositionalOptions();
registerSessionCommand(program);
registerExecCommand(program);
registerApproveCommand(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`agentsh: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
