import type { Command } from 'commander';

/** A CLI verb group. Each lives in its own file in this folder and is listed below. */
export type RegisterCommand = (program: Command) => void;

/** Every verb group `agentsh` has, in the order --help lists them. */
export const COMMANDS: readonly RegisterCommand[] = [];
