import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { STANDIN_DNS_ADDRESS, STANDIN_DNS_PORT, STANDIN_HOSTS } from '../standins/hosts';
import type { SandboxFile } from './spec';

export const CONFIG_PATH = '/etc/agentsh/config.yaml';
export const POLICY_PATH = '/etc/agentsh/policies/default.yaml';
export const AGENTSH_BIN = '/usr/bin/agentsh';
export const BASH_STARTUP = '/usr/lib/agentsh/bash_startup.sh';
export const STANDINS_DIR = '/etc/agentsh/standins';
export const STANDINS_CONFIG = `${STANDINS_DIR}/standins.json`;
export const SERVER_LOG = '/var/log/agentsh/agentsh.log';
/**
 * The audit HMAC key (config audit.integrity.key_file): random per sandbox, never printed. Written without a
 * trailing newline: the daemon reads the file raw, `agentsh audit verify --key-file` drops one newline.
 */
export const AUDIT_KEY = '/etc/agentsh/audit.key';
export const STANDINS_LOG = '/var/log/agentsh/standins.log';

const ENV_INJECT_ANCHOR = '  env_inject:\n';

/** Adds variables to the config's sandbox.env_inject (the daemon sets them on every command it runs). */
export function renderConfig(config: string, envInject: Readonly<Record<string, string>>): string {
  const at = config.indexOf(ENV_INJECT_ANCHOR);
  const entries = Object.entries(envInject);
  if (at < 0 || entries.length === 0) return config;
  const lines = entries.map(([key, value]) => `    ${key}: ${JSON.stringify(value)}\n`).join('');
  const insertAt = at + ENV_INJECT_ANCHOR.length;
  return config.slice(0, insertAt) + lines + config.slice(insertAt);
}

/**
 * The `agentsh` command inside the sandbox: the native launcher (which answers `agentsh exec SID -- CMD`
 * without starting Node and hands everything else to the Node CLI), or the Node CLI alone when the
 * launcher was not built.
 */
export function agentshWrapper(installRoot: string): string {
  const cli = join(installRoot, 'apps', 'daemon', 'bin', 'agentsh.mjs');
  const native = join(installRoot, 'native', 'client', 'build', 'Release', 'agentsh');
  return [
    '#!/bin/sh',
    '# agentsh (TypeScript) CLI, installed by agentsh-modal',
    `AGENTSH_CLI_JS='${cli}'`,
    'export AGENTSH_CLI_JS',
    `[ -x '${native}' ] && exec '${native}' "$@"`,
    `exec node '${cli}' "$@"`,
    '',
  ].join('\n');
}

export function standinsConfig(): string {
  const tls = { cert: `${STANDINS_DIR}/server.crt`, key: `${STANDINS_DIR}/server.key` };
  const dns = { address: STANDIN_DNS_ADDRESS, port: STANDIN_DNS_PORT };
  return `${JSON.stringify({ dns, hosts: STANDIN_HOSTS, tls }, null, 2)}\n`;
}

/** Files written into every sandbox: agentsh's config and policy where agentsh-modal puts them, and our helpers. */
export function sandboxFiles(input: {
  installRoot: string;
  config: string;
  policy: string;
  envInject: Readonly<Record<string, string>>;
}): SandboxFile[] {
  return [
    { path: CONFIG_PATH, content: renderConfig(input.config, input.envInject) },
    { path: POLICY_PATH, content: input.policy },
    { path: AGENTSH_BIN, content: agentshWrapper(input.installRoot), mode: 0o755 },
    { path: AUDIT_KEY, content: randomBytes(32).toString('hex'), mode: 0o600 },
    {
      path: BASH_STARTUP,
      content: '# Sourced through BASH_ENV (agentsh env_inject). Intentionally empty.\n',
    },
    { path: STANDINS_CONFIG, content: standinsConfig() },
    { path: '/etc/resolv.conf', content: `nameserver ${STANDIN_DNS_ADDRESS}\n` },
  ];
}
