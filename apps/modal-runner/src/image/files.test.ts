import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assetPath } from '../paths';
import { STANDIN_DNS_ADDRESS } from '../standins/hosts';
import { agentshWrapper, renderConfig } from './files';
import { buildImageSpec } from './spec';

const config = readFileSync(assetPath('config.yaml'), 'utf8');

describe('sandbox config', () => {
  it('keeps agentsh-modal v0.16.1 settings with our safe listen address and the stand-in DNS upstream', () => {
    const c = parse(config);
    expect(c.server.http.addr).toBe('127.0.0.1:18080');
    expect(c.sandbox.network.dns_upstream).toBe(`${STANDIN_DNS_ADDRESS}:53`);
    expect(c.sandbox.ptrace).toMatchObject({
      enabled: true,
      attach_mode: 'children',
      mask_tracer_pid: 'off',
    });
    expect(c.sandbox.ptrace.performance.seccomp_prefilter).toBe(false);
    expect(c.sandbox.unix_sockets.enabled).toBe(false);
    expect(c.audit.storage.sqlite_path).toBe('/var/lib/agentsh/events.db');
    expect(c.dlp.custom_patterns).toHaveLength(9);
    expect(c.threat_feeds.feeds).toEqual([]);
    expect(c.audit.integrity).toMatchObject({ enabled: true, key_file: '/etc/agentsh/audit.key' });
  });

  it('adds env_inject entries without disturbing the rest', () => {
    const c = parse(renderConfig(config, { LD_PRELOAD: '/usr/lib/x.so' }));
    expect(c.sandbox.env_inject).toEqual({
      LD_PRELOAD: '/usr/lib/x.so',
      BASH_ENV: '/usr/lib/agentsh/bash_startup.sh',
    });
    expect(renderConfig(config, {})).toBe(config);
  });

  it('writes config, the policy read from policies/default.yaml, the CLI wrapper and resolv.conf', () => {
    const spec = buildImageSpec({ upload: false });
    const paths = spec.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/etc/agentsh/config.yaml', '/etc/agentsh/policies/default.yaml']),
    );
    const policy = spec.files.find((f) => f.path.endsWith('default.yaml'));
    expect(policy?.content).toBe(readFileSync(`${spec.installRoot}/policies/default.yaml`, 'utf8'));
    expect(spec.files.find((f) => f.path === '/etc/resolv.conf')?.content).toBe(
      `nameserver ${STANDIN_DNS_ADDRESS}\n`,
    );
    const keys = [spec, buildImageSpec({ upload: false })].map((s) =>
      s.files.find((f) => f.path.endsWith('audit.key')),
    );
    expect(keys[0]?.content).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[0]?.mode).toBe(0o600);
    expect(keys[0]?.content).not.toBe(keys[1]?.content);
    const wrapper = agentshWrapper('/opt/agentsh');
    expect(wrapper).toContain('exec \'/opt/agentsh/native/client/build/Release/agentsh\' "$@"');
    expect(wrapper).toContain("AGENTSH_CLI_JS='/opt/agentsh/apps/daemon/bin/agentsh.mjs'");
    expect(wrapper).toContain('exec node \'/opt/agentsh/apps/daemon/bin/agentsh.mjs\' "$@"');
  });
});
