import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type AgentshClient, ApiError } from '../../client/http-client';
import { readCliEnv } from '../../env';
import { blockMessage, shellExitCode } from '../../exec/block-message';
import type { ExecResponse } from '../../exec/response';
import { type CliIo, clientFrom, processIo } from '../client-from';

interface ExecFlags {
  timeout?: string;
  json?: string;
  output: 'shell' | 'json';
  events?: 'all' | 'summary' | 'blocked' | 'none';
}

/** Splits `[SID] -- CMD ARGS...`: commander keeps `--` only when it follows an operand. */
export function splitExecArgs(args: string[], sawLeadingDashes: boolean): { sid?: string; argv: string[] } {
  const dashes = args.indexOf('--');
  if (dashes === 1) return { sid: args[0] as string, argv: args.slice(2) };
  if (sawLeadingDashes || dashes === 0) return { argv: dashes === 0 ? args.slice(1) : args };
  const [sid, ...argv] = args;
  return sid === undefined ? { argv } : { sid, argv };
}

/** `agentsh exec [SID] -- CMD ARGS...`: raw output, exit code passed through, 126 when blocked. */
export function registerExecCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('exec')
    .description('run a command in a session under its policy')
    .argument('[args...]', '[SESSION_ID] -- COMMAND [ARGS...]')
    .option('--timeout <duration>', 'command timeout (Go duration, e.g. 30s)')
    .option('--json <request>', 'a full ExecRequest as JSON instead of COMMAND ARGS')
    .option('--output <format>', 'shell or json', 'shell')
    .option('--events <which>', 'all, summary, blocked or none')
    .passThroughOptions()
    .action(async (args: string[], flags: ExecFlags, cmd: Command) => {
      const raw = rawArgsOf(cmd.parent);
      const leading = raw[raw.indexOf('exec') + 1 + countOptionTokens(raw, flags)] === '--';
      const { sid: given, argv } = splitExecArgs(args, leading);
      const env = readCliEnv();
      const client = clientFrom(cmd);
      const request = flags.json ? JSON.parse(flags.json) : toRequest(argv, flags);
      if (!request.command) throw new Error('usage: agentsh exec [SESSION_ID] -- COMMAND [ARGS...]');
      const sid = given ?? env.sessionId ?? (await createSession(client, env.sessionRoot));
      const body = await execWithAutoCreate(client, sid, request, !env.noAuto);
      process.exitCode = report(io, body, flags.output);
    });
}

/** commander keeps the raw argv on the root command at run time but does not type it. */
function rawArgsOf(command: Command | null): string[] {
  const raw: unknown = (command as unknown as { rawArgs?: unknown } | null)?.rawArgs;
  return Array.isArray(raw) ? (raw as string[]) : [];
}

function countOptionTokens(raw: string[], flags: ExecFlags): number {
  let n = 0;
  for (const key of ['timeout', 'json', 'output', 'events'] as const) {
    if (flags[key] !== undefined && raw.includes(`--${key}`)) n += 2;
  }
  return n;
}

function toRequest(argv: string[], flags: ExecFlags): { command?: string; args: string[]; timeout?: string } {
  const [command, ...args] = argv;
  return { ...(command ? { command } : {}), args, ...(flags.timeout ? { timeout: flags.timeout } : {}) };
}

async function createSession(client: AgentshClient, root: string | undefined): Promise<string> {
  const body = { workspace: resolve(root ?? process.cwd()) };
  const { data } = await client.request<{ id: string }>('POST', '/api/v1/sessions', body);
  return data.id;
}

async function execWithAutoCreate(client: AgentshClient, sid: string, request: object, auto: boolean) {
  const path = `/api/v1/sessions/${encodeURIComponent(sid)}/exec`;
  try {
    return (await client.request<ExecResponse>('POST', path, request, [403])).data;
  } catch (err) {
    if (!(auto && err instanceof ApiError && err.status === 404 && err.message === 'session not found'))
      throw err;
    await client.request('POST', '/api/v1/sessions', {
      id: sid,
      workspace: resolve(readCliEnv().sessionRoot ?? process.cwd()),
    });
    return (await client.request<ExecResponse>('POST', path, request, [403])).data;
  }
}

/** Prints the result the way agentsh's shell mode does and returns the exit code. */
function report(io: CliIo, body: ExecResponse, output: 'shell' | 'json'): number {
  if (output === 'json') {
    io.out(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    if (body.result.stdout) io.out(body.result.stdout);
    if (body.result.stderr) io.err(body.result.stderr);
    const message = blockMessage(body);
    if (message) io.err(message);
  }
  return shellExitCode(body);
}
