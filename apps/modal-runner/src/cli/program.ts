import { Command, InvalidArgumentError } from 'commander';
import { isSuiteName, PROVIDERS, SUITES } from '../suites';

const VERSION = '0.1.0';

/** Builds the `agentsh-modal` command. */
export function createProgram(print: (line: string) => void): Command {
  return new Command('agentsh-modal')
    .description('Run agentsh inside a sandbox (Modal, local gVisor or local) and prove its protections')
    .version(VERSION, '-v, --version')
    .argument('<suite>', `one of: ${SUITES.join(', ')}`, (value: string) => {
      if (!isSuiteName(value))
        throw new InvalidArgumentError(`unknown suite (expected ${SUITES.join(', ')})`);
      return value;
    })
    .option('--provider <name>', `sandbox provider: ${PROVIDERS.join(', ')}`)
    .option('--json <file>', 'write the results as JSON')
    .action((suite: string) => {
      print(`agentsh-modal: suite "${suite}" is not implemented yet; it will start the daemon in a sandbox`);
      print('and run agentsh-modal v0.16 checks through it (see README "Missing").');
      process.exitCode = 2;
    });
}
