import type { Command } from 'commander';
import { createBaseProgram } from './base-program';
import { COMMANDS } from './commands/index';

/** Builds the `agentsh` command tree: the global options plus every verb group. */
export function createProgram(): Command {
  const program = createBaseProgram();
  for (const register of COMMANDS) register(program);
  return program;
}
