import type {
  CommandRule,
  Decision,
  Effective,
  FileOp,
  FileRule,
  PolicyTable,
  SignalRule,
} from '../src/table';

function eff(decision: Decision): Effective {
  return decision === 'audit' ? 'allow' : decision;
}

/** A file rule written by hand, as compile() would emit it. */
export function fileRule(
  name: string,
  decision: Decision,
  globs: string[],
  ops: FileOp[] | '*' = '*',
  extra: Partial<FileRule> = {},
): FileRule {
  return { name, decision, effective: eff(decision), globs, ops, ...extra };
}

/** A command rule; selectors default to empty (set anyCommand for "every command"). */
export function commandRule(name: string, decision: Decision, sel: Partial<CommandRule> = {}): CommandRule {
  return {
    name,
    decision,
    effective: eff(decision),
    fullPaths: [],
    pathGlobs: [],
    names: [],
    nameGlobs: [],
    anyCommand: false,
    args: [],
    minDepth: 0,
    maxDepth: -1,
    ...sel,
  };
}

export function signalRule(
  name: string,
  decision: Decision,
  signals: number[],
  target: SignalRule['target'],
): SignalRule {
  return { name, decision, effective: eff(decision), signals, target };
}

export const allowAllFiles = fileRule('allow-all-files', 'allow', ['/**']);
export const allowAllCommands = commandRule('allow-all-commands', 'allow', { anyCommand: true });

/** A table that stops on exec, writes and signals and allows everything unless rules say otherwise. */
export function table(parts: Partial<PolicyTable> = {}): PolicyTable {
  return {
    format: 1,
    name: 'test',
    stop: { exec: true, file: true, readOnlyOpen: false, network: false, unixSocket: false, signal: true },
    file: [allowAllFiles],
    command: [allowAllCommands],
    network: [],
    unixSocket: [],
    signal: [],
    dnsRedirects: [],
    connectRedirects: [],
    ...parts,
  };
}
