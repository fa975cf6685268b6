import { readFileSync } from 'node:fs';
import type { ServerConfig } from '@agentsh/policy';
import { parse } from 'yaml';
import type { AuthSettings, Role } from '../auth/roles';
import { DaemonError } from '../errors';

const ROLES: readonly Role[] = ['admin', 'approver', 'agent'];

/**
 * API keys file (auth.api_key.keys_file), YAML or JSON: either a list of {key, role} entries (optionally
 * under `keys:`) or a mapping key -> role.
 */
export function parseKeysFile(text: string, file: string): Map<string, Role> {
  const doc: unknown = parse(text);
  const list = Array.isArray(doc) ? doc : (doc as { keys?: unknown } | null)?.keys;
  const entries: [unknown, unknown][] = Array.isArray(list)
    ? list.map((e) => [(e as { key?: unknown }).key, (e as { role?: unknown }).role])
    : Object.entries((doc ?? {}) as Record<string, unknown>);
  const keys = new Map<string, Role>();
  entries.forEach(([key, role], i) => {
    if (typeof key !== 'string' || key.length < 8) {
      throw new DaemonError(
        'DAEMON_CONFIG',
        `${file}: entry ${i + 1}: key must be a string of at least 8 characters`,
      );
    }
    if (!ROLES.includes(role as Role)) {
      throw new DaemonError(
        'DAEMON_CONFIG',
        `${file}: entry ${i + 1}: role must be one of ${ROLES.join(', ')}`,
      );
    }
    keys.set(key, role as Role);
  });
  return keys;
}

/** auth.* of the config as the daemon enforces it; oidc/hybrid are refused rather than silently open. */
export function authSettingsFrom(config: ServerConfig): AuthSettings {
  const headerName = config.auth.api_key.header_name;
  if (config.development.disable_auth || config.auth.type === 'none') {
    return { type: 'none', headerName, keys: new Map() };
  }
  if (config.auth.type !== 'api_key') {
    throw new DaemonError(
      'DAEMON_CONFIG',
      `auth.type: ${config.auth.type} is not supported yet (use api_key or none)`,
    );
  }
  const file = config.auth.api_key.keys_file;
  if (!file)
    throw new DaemonError('DAEMON_CONFIG', 'auth.api_key.keys_file: required when auth.type is api_key');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DaemonError('DAEMON_CONFIG', `auth.api_key.keys_file: cannot read ${file}`, { cause });
  }
  return { type: 'api_key', headerName, keys: parseKeysFile(text, file) };
}
