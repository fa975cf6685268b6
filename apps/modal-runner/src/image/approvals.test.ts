import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assetPath } from '../paths';
import { APPROVALS_KEYS, approvalsConfig, approvalsFiles, newApprovalKeys } from './approvals';
import { buildImageSpec } from './spec';

const config = readFileSync(assetPath('config.yaml'), 'utf8');

describe('approvals daemon config', () => {
  it('turns on api_key auth and approvals on its own port, store and sessions', () => {
    const c = parse(approvalsConfig(config));
    expect(c.server.http.addr).toBe('127.0.0.1:18081');
    expect(c.auth).toEqual({ type: 'api_key', api_key: { keys_file: APPROVALS_KEYS } });
    expect(c.approvals).toEqual({ enabled: true, mode: 'api', timeout: '60s' });
    expect(c.development.disable_auth).toBe(false);
    expect(c.audit.storage.sqlite_path).toBe('/var/lib/agentsh/approvals-events.db');
    expect(c.sessions.base_dir).toBe('/var/lib/agentsh/approvals-sessions');
    expect(c.sandbox).toEqual(parse(config).sandbox);
  });

  it('refuses a config it does not recognise instead of guessing', () => {
    expect(() => approvalsConfig(config.replace('disable_auth: true', 'disable_auth: yes'))).toThrow(
      /expected the line/,
    );
  });

  it('writes distinct random agent and approver keys, readable only by root', () => {
    const keys = newApprovalKeys();
    expect(keys.agent).not.toBe(keys.approver);
    expect(newApprovalKeys().agent).not.toBe(keys.agent);
    const files = approvalsFiles(config, keys);
    const keysFile = files.find((f) => f.path === APPROVALS_KEYS);
    expect(parse(keysFile?.content ?? '')).toEqual({
      keys: [
        { key: keys.agent, role: 'agent' },
        { key: keys.approver, role: 'approver' },
      ],
    });
    expect(
      files
        .filter((f) => f.path.endsWith('.key') || f.path.endsWith('keys.yaml'))
        .every((f) => f.mode === 0o600),
    ).toBe(true);
  });

  it('is part of every sandbox spec, with the gvisor env_inject carried over', () => {
    const spec = buildImageSpec({ upload: false, envInject: { LD_PRELOAD: '/x.so' } });
    const file = spec.files.find((f) => f.path === '/etc/agentsh/approvals/config.yaml');
    expect(parse(file?.content ?? '').sandbox.env_inject.LD_PRELOAD).toBe('/x.so');
  });
});
