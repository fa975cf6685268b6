import { createWriteStream, type WriteStream } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { compile, createEngine, loadPolicy } from '@agentsh/policy';
import {
  isTracerError,
  type NameMapping,
  spawnTraced,
  type TracedProcess,
  type TraceEvent,
} from '@agentsh/tracer';
import type { Command } from 'commander';
import { createRedirectTargets } from '../../net/redirect-targets';
import { dnsResolveHost } from '../../net/resolve-host';
import { dnsEventLine, startTraceDns, type TraceDns } from './trace-dns';

interface TraceOptions {
  policy: string;
  var: string[];
  events?: string;
  approvals?: boolean;
  /** HOST:PORT the embedded DNS proxy forwards to (repeatable); empty: /etc/resolv.conf */
  dnsUpstream?: string[];
  /** --no-dns: no embedded proxy, port-53 traffic is judged like any other connection */
  dns?: boolean;
  /** walk-fence file shared with other `agentsh trace` runs (and a daemon's commands) */
  fence?: string;
  /** idle CPUs poll instead of halting while the command runs (spawnTraced's idlePolling) */
  idlePolling?: boolean;
}

function collectVar(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseVars(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--var expects NAME=VALUE, got '${pair}'`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** The JSON line written per decision: pid, syscall, path or argv, operation, decision, rule. */
export function eventLine(e: TraceEvent | Record<string, unknown>): string {
  return `${JSON.stringify(e)}\n`;
}

async function writeEvents(events: AsyncIterable<TraceEvent>, out: WriteStream | undefined): Promise<void> {
  for await (const e of events) out?.write(eventLine(e));
}

/** Runs CMD under the tracer with a policy file; resolves to CMD's exit code (128+n for a signal). */
export async function runTrace(argv: string[], opts: TraceOptions): Promise<number> {
  const vars = { PROJECT_ROOT: process.cwd(), ...parseVars(opts.var) };
  const policy = loadPolicy(opts.policy);
  const options = { variables: { vars, env: process.env }, approvalsEnforced: opts.approvals === true };
  const table = compile(policy, options);
  const out = opts.events ? createWriteStream(opts.events, { flags: 'w' }) : undefined;
  let proc: TracedProcess | undefined;
  const learn = async (mappings: NameMapping[]): Promise<void> => {
    if (proc) await proc.addNames(mappings);
  };
  const dns: TraceDns | undefined =
    opts.dns === false
      ? undefined
      : await startTraceDns({
          engine: createEngine(policy, options),
          upstreams: opts.dnsUpstream ?? [],
          onEvent: (e) => out?.write(eventLine(dnsEventLine(e))),
          learn,
        });
  try {
    // connect_redirects to host names: resolved here, through the same upstreams as the embedded proxy
    const upstreams = opts.dnsUpstream && opts.dnsUpstream.length > 0 ? opts.dnsUpstream : undefined;
    const redirects = createRedirectTargets({ resolve: dnsResolveHost(upstreams) });
    proc = await spawnTraced({
      argv,
      table: await redirects.prepare(table),
      stdio: 'inherit',
      env: process.env,
      cwd: process.cwd(),
      ...(dns ? { dns: dns.dns } : {}),
      ...(opts.fence ? { fence: resolve(opts.fence) } : {}),
      ...(opts.idlePolling ? { idlePolling: true } : {}),
    });
    const [exit] = await Promise.all([proc.exited, writeEvents(proc.events, out)]);
    if (exit.code !== null) return exit.code;
    return 128 + (exit.signal ? (constants.signals[exit.signal] ?? 0) : 0);
  } finally {
    await dns?.close();
    await new Promise<void>((resolve) => (out ? out.end(resolve) : resolve()));
  }
}

/** `agentsh trace --policy FILE [--var NAME=VALUE ...] [--events FILE.jsonl] -- CMD ARGS...` */
export function registerTraceCommand(program: Command): void {
  program
    .command('trace')
    .description(
      "run a command under the tracer with a policy's file, exec, signal, network and DNS rules (no daemon)",
    )
    .requiredOption('--policy <file>', 'policy YAML file')
    .option('--var <NAME=VALUE>', 'policy variable (repeatable), e.g. PROJECT_ROOT=/work', collectVar, [])
    .option('--events <file>', 'write one JSON line per decision to this file')
    .option('--approvals', 'enforce approve rules (no approver here: they are denied)')
    .option(
      '--dns-upstream <HOST:PORT>',
      'upstream the embedded DNS proxy forwards to (repeatable; default: /etc/resolv.conf)',
      collectVar,
      [],
    )
    .option('--no-dns', 'no embedded DNS proxy: port-53 traffic is judged like any other connection')
    .option(
      '--fence <file>',
      "walk-fence file shared with concurrent runs: their renames and symlinks cannot swap a directory under this run's checked paths",
    )
    .option(
      '--idle-polling',
      'idle CPUs poll instead of halting while the command runs: cheaper ptrace stops in VMs, spinning CPUs (root)',
    )
    .argument('<command...>', 'command and arguments (after --)')
    .action(async (command: string[], opts: TraceOptions) => {
      try {
        process.exitCode = await runTrace(command, opts);
      } catch (err) {
        const what = isTracerError(err) ? `${err.code}: ${err.message}` : (err as Error).message;
        console.error(`agentsh trace: ${what}`);
        process.exitCode = isTracerError(err) && err.code === 'TRACER_SPAWN' ? 126 : 127;
      }
    });
}
