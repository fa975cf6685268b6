import { existsSync } from 'node:fs';
import { loadServerConfig, parseServerConfig, type ServerConfig } from '@agentsh/policy';
import { DaemonError } from '../errors';

/** Where `agentsh server` looks for its config when --config and AGENTSH_CONFIG are absent. */
export const CONFIG_SEARCH = ['./config.yml', './config.yaml', '/etc/agentsh/config.yaml'];

export function locateConfig(flag: string | undefined, envPath: string | undefined): string | undefined {
  if (flag) return flag;
  if (envPath) return envPath;
  return CONFIG_SEARCH.find((p) => existsSync(p));
}

/** Loads config.yaml (lenient, agentsh's defaults and AGENTSH_* overrides); defaults alone when there is no file. */
export function loadDaemonConfig(file: string | undefined, env: NodeJS.ProcessEnv): ServerConfig {
  try {
    if (file) return loadServerConfig(file, { env });
    const parsed = parseServerConfig('{}', { env });
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message ?? 'invalid defaults');
    return parsed.config;
  } catch (cause) {
    throw new DaemonError('DAEMON_CONFIG', (cause as Error).message, { cause });
  }
}

/** host and port of server.http.addr ("127.0.0.1:18080", "[::1]:18080", ":18080"). */
export function splitAddr(addr: string): { hostname: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(addr);
  if (!m) throw new DaemonError('DAEMON_CONFIG', `server.http.addr: expected host:port, got "${addr}"`);
  return { hostname: m[1] ?? (m[2] || '0.0.0.0'), port: Number(m[3]) };
}
