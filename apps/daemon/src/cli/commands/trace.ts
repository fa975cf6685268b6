import { createWriteStream, type WriteStream } from 'node:fs';
import { constants } from 'node:os';
import { compile, loadPolicy } from '@agentsh/policy';
import { isTracerError, spawnTraced, type TraceEvent } from '@agentsh/tracer';
import type { Command } from 'commander';

interface TraceOptions {
  policy: string;
  var: string[];
  events?: string;
  approvals?: boolean;
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
export function eventLine(e: TraceEvent): string {
  return `${JSON.stringify(e)}\n`;
}

async function writeEvents(events: AsyncIterable<TraceEvent>, out: WriteStream | undefined): Promise<void> {
  for await (const e of events) out?.write(eventLine(e));
  await new Promise<void>((resolve) => (out ? out.end(resolve) : resolve()));
}

/** Runs CMD under the tracer with a policy file; resolves to CMD's exit code (128+n for a signal). */
export async function runTrace(argv: string[], opts: TraceOptions): Promise<number> {
  const vars = { PROJECT_ROOT: process.cwd(), ...parseVars(opts.var) };
  const table = compile(loadPolicy(opts.policy), {
    variables: { vars, env: process.env },
    approvalsEnforced: opts.approvals === true,
  });
  const proc = await spawnTraced({
    argv,
    table,
    stdio: 'inherit',
    env: process.env,
    cwd: process.cwd(),
  });
  const out = opts.events ? createWriteStream(opts.events, { flags: 'w' }) : undefined;
  const [exit] = await Promise.all([proc.exited, writeEvents(proc.events, out)]);
  if (exit.code !== null) return exit.code;
  return 128 + (exit.signal ? (constants.signals[exit.signal] ?? 0) : 0);
}

/** `agentsh trace --policy FILE [--var NAME=VALUE ...] [--events FILE.jsonl] -- CMD ARGS...` */
export function registerTraceCommand(program: Command): void {
  program
    .command('trace')
    .description("run a command under the tracer with a policy's file, exec and signal rules (no daemon)")
    .requiredOption('--policy <file>', 'policy YAML file')
    .option('--var <NAME=VALUE>', 'policy variable (repeatable), e.g. PROJECT_ROOT=/work', collectVar, [])
    .option('--events <file>', 'write one JSON line per decision to this file')
    .option('--approvals', 'enforce approve rules (no approver here: they are denied)')
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
