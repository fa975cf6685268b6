/** The environment variables the CLI honours (agentsh's names). Read here and nowhere else. */
export interface CliEnv {
  server: string | undefined;
  apiKey: string | undefined;
  sessionId: string | undefined;
  sessionRoot: string | undefined;
  noAuto: boolean;
  clientTimeoutMs: number | undefined;
  config: string | undefined;
}

export function readCliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const timeout = env.AGENTSH_CLIENT_TIMEOUT;
  return {
    server: env.AGENTSH_SERVER,
    apiKey: env.AGENTSH_API_KEY,
    sessionId: env.AGENTSH_SESSION_ID,
    sessionRoot: env.AGENTSH_SESSION_ROOT,
    noAuto: env.AGENTSH_NO_AUTO === '1',
    clientTimeoutMs: timeout ? parseSeconds(timeout) : undefined,
    config: env.AGENTSH_CONFIG,
  };
}

/** "30s", "2m" or a number of seconds. */
function parseSeconds(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000;
}
