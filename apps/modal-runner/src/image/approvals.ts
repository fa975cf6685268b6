import { randomBytes } from 'node:crypto';
import { RunnerError } from '../errors';
import type { SandboxFile } from './spec';

/** A second daemon, only for the approvals check: api_key auth with agent and approver keys, approvals on. */
export const APPROVALS_DIR = '/etc/agentsh/approvals';
export const APPROVALS_CONFIG = `${APPROVALS_DIR}/config.yaml`;
export const APPROVALS_KEYS = `${APPROVALS_DIR}/keys.yaml`;
export const APPROVALS_ADDR = '127.0.0.1:18081';
export const APPROVALS_LOG = '/var/log/agentsh/approvals.log';

/** Exact lines of assets/config.yaml and what they become for the approvals daemon. */
const EDITS: readonly (readonly [string, string])[] = [
  ['    addr: "127.0.0.1:18080"', `    addr: "${APPROVALS_ADDR}"`],
  ['  type: "none"', `  type: "api_key"\n  api_key:\n    keys_file: "${APPROVALS_KEYS}"`],
  ['  base_dir: "/var/lib/agentsh/sessions"', '  base_dir: "/var/lib/agentsh/approvals-sessions"'],
  [
    '    sqlite_path: "/var/lib/agentsh/events.db"',
    '    sqlite_path: "/var/lib/agentsh/approvals-events.db"',
  ],
  [
    'approvals:\n  enabled: false\n  mode: "api"\n  timeout: "5m"',
    'approvals:\n  enabled: true\n  mode: "api"\n  timeout: "60s"',
  ],
  ['  disable_auth: true', '  disable_auth: false'],
];

/** The approvals daemon's config, derived from the main one; fails loudly if the asset no longer matches. */
export function approvalsConfig(config: string): string {
  return EDITS.reduce((text, [from, to]) => {
    if (!text.includes(from))
      throw new RunnerError(
        'RUNNER_IMAGE_SPEC',
        `assets/config.yaml: expected the line(s) ${JSON.stringify(from)}`,
      );
    return text.replace(from, to);
  }, config);
}

export interface ApprovalKeys {
  readonly agent: string;
  readonly approver: string;
}

export function newApprovalKeys(): ApprovalKeys {
  return {
    agent: `agent-${randomBytes(16).toString('hex')}`,
    approver: `approver-${randomBytes(16).toString('hex')}`,
  };
}

/** Files for the approvals daemon; the keys are random per sandbox and written only into it. */
export function approvalsFiles(config: string, keys: ApprovalKeys): SandboxFile[] {
  const keysYaml = `keys:\n  - { key: "${keys.agent}", role: agent }\n  - { key: "${keys.approver}", role: approver }\n`;
  return [
    { path: APPROVALS_CONFIG, content: approvalsConfig(config) },
    { path: APPROVALS_KEYS, content: keysYaml, mode: 0o600 },
    { path: `${APPROVALS_DIR}/agent.key`, content: keys.agent, mode: 0o600 },
    { path: `${APPROVALS_DIR}/approver.key`, content: keys.approver, mode: 0o600 },
  ];
}
