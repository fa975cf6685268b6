import type { Command } from 'commander';
import { registerApproveCommand } from './approve';
import { registerAuditCommand } from './audit';
import { registerDetectCommand } from './detect';
import { registerDlpCommand } from './dlp';
import { registerDnsProxyCommand } from './dns-proxy';
import { registerEventsCommand } from './events';
import { registerExecCommand } from './exec';
import { registerPolicyCommand } from './policy';
import { registerServerCommand } from './server';
import { registerSessionCommand } from './session';
import { registerTraceCommand } from './trace';

/** A CLI verb group. Each lives in its own file in this folder and is listed below. */
export type RegisterCommand = (program: Command) => void;

/** Every verb group `agentsh` has, in the order --help lists them. */
export const COMMANDS: readonly RegisterCommand[] = [
  (p) => registerServerCommand(p),
  (p) => registerSessionCommand(p),
  (p) => registerExecCommand(p),
  (p) => registerApproveCommand(p),
  (p) => registerDetectCommand(p),
  (p) => registerEventsCommand(p),
  (p) => registerAuditCommand(p),
  (p) => registerDnsProxyCommand(p),
  (p) => registerPolicyCommand(p),
  (p) => registerDlpCommand(p),
  (p) => registerTraceCommand(p),
];
