import { Command, InvalidArgumentError } from 'commander';
import {
  isProviderName,
  isSuiteName,
  PROVIDERS,
  type ProviderName,
  SUITES,
  type SuiteName,
} from '../suites/names';
import { runCommand } from './run-command';

const VERSION = '0.1.0';
const DEFAULT_BUDGET_SECONDS = 240;

function parseSuite(value: string): SuiteName {
  if (!isSuiteName(value)) throw new InvalidArgumentError(`unknown suite (expected ${SUITES.join(', ')})`);
  return value;
}

function parseProvider(value: string): ProviderName {
  if (!isProviderName(value))
    throw new InvalidArgumentError(`unknown provider (expected ${PROVIDERS.join(', ')})`);
  return value;
}

function parseBudget(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 10)
    throw new InvalidArgumentError('expected whole seconds, at least 10');
  return seconds;
}

function parseIds(value: string): string[] {
  return value.split(',').filter((id) => id.trim() !== '');
}

interface CliOptions {
  provider?: ProviderName;
  json?: string;
  budget: number;
  only?: string[];
}

/** Builds the `agentsh-modal` command. */
export function createProgram(print: (line: string) => void): Command {
  return new Command('agentsh-modal')
    .description('Run agentsh inside a sandbox (Modal, local gVisor or local) and prove its protections')
    .version(VERSION, '-v, --version')
    .argument('<suite>', `one of: ${SUITES.join(', ')}`, parseSuite)
    .option(
      '--provider <name>',
      `sandbox provider: ${PROVIDERS.join(', ')} (default: modal with credentials, else gvisor, else local)`,
      parseProvider,
    )
    .option('--json <file>', 'write the results as JSON')
    .option(
      '--budget <seconds>',
      'time budget for the checks; checks left when it runs out fail',
      parseBudget,
      DEFAULT_BUDGET_SECONDS,
    )
    .option(
      '--only <ids>',
      'run only these checks, e.g. T16,A04 (plus the session check they need)',
      parseIds,
    )
    .action(async (suite: SuiteName, opts: CliOptions) => {
      const { provider, json, budget, only } = opts;
      process.exitCode = await runCommand(suite, { provider, json, budgetSeconds: budget, only }, print);
    });
}
