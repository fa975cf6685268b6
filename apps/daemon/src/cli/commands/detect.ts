import { type Capabilities, probeCapabilities } from '@agentsh/tracer';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { readinessFrom } from '../../server/daemon';
import { type CliIo, processIo } from '../client-from';

const ROWS: [keyof Capabilities, string][] = [
  ['seize', 'PTRACE_SEIZE (attach without a stop)'],
  ['seccompTrace', 'seccomp prefilter (SECCOMP_RET_TRACE)'],
  ['exitKill', 'PTRACE_O_EXITKILL (tracees die with the tracer)'],
  ['procMem', '/proc/<pid>/mem (read tracee memory)'],
  ['processVmReadv', 'process_vm_readv (faster memory reads)'],
  ['getSyscallInfo', 'PTRACE_GET_SYSCALL_INFO'],
  ['openat2', 'openat2 (RESOLVE_* path checks)'],
  ['denyAtSeccompStop', 'deny at the seccomp stop (no exit stop)'],
];

/** The report `agentsh detect` prints: every probe, and whether commands will run under enforcement. */
export function detectReport(caps: Capabilities) {
  const readiness = readinessFrom(caps);
  return {
    capabilities: Object.fromEntries(ROWS.map(([key]) => [key, caps[key]])),
    seccomp_order: caps.seccompOrder,
    security_mode: readiness.ready ? 'ptrace' : 'none',
    enforcing: readiness.ready,
    ...(readiness.reason ? { reason: readiness.reason } : {}),
  };
}

function table(caps: Capabilities): string {
  const report = detectReport(caps);
  const lines = ROWS.map(([key, label]) => `  ${caps[key] ? '✓' : '✗'} ${label}`);
  const verdict = report.enforcing
    ? 'Security mode: ptrace (seccomp-prefiltered tracer): commands run under enforcement.'
    : `Security mode: none. ${report.reason}. agentsh will refuse to run commands.`;
  return `Capabilities\n${lines.join('\n')}\n  seccomp stop order: ${caps.seccompOrder}\n\n${verdict}\n`;
}

/** `agentsh detect [-o table|json|yaml]`: the tracer's capability probe, honest about enforcement. */
export function registerDetectCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('detect')
    .description('probe what the tracer can enforce on this machine')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (opts: { output: string }) => {
      const caps = await probeCapabilities();
      if (opts.output === 'json') io.out(`${JSON.stringify(detectReport(caps), null, 2)}\n`);
      else if (opts.output === 'yaml') io.out(stringify(detectReport(caps)));
      else io.out(table(caps));
      if (!readinessFrom(caps).ready) process.exitCode = 1;
    });
}
