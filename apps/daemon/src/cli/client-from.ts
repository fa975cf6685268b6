import type { Command } from 'commander';
import { AgentshClient } from '../client/http-client';
import { readCliEnv } from '../env';

/** Builds the API client from global flags, falling back to AGENTSH_SERVER / AGENTSH_API_KEY. */
export function clientFrom(command: Command): AgentshClient {
  const opts = command.optsWithGlobals<{ server?: string; apiKey?: string }>();
  const env = readCliEnv();
  return new AgentshClient({
    server: opts.server ?? env.server,
    apiKey: opts.apiKey ?? env.apiKey,
    timeoutMs: env.clientTimeoutMs,
  });
}

/** Where CLI verbs write; tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
