/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: config text uses ${VAR} syntax */
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../test/paths';
import { expandEnv } from './expand-env';
import { loadServerConfig, parseServerConfig } from './server-config';

describe('loadServerConfig', () => {
  it("loads agentsh-modal's config.yaml, ignoring the keys agentsh ignores", () => {
    const cfg = loadServerConfig(`${FIXTURES_DIR}agentsh-modal-config.yaml`);
    expect(cfg.server.http).toEqual({
      addr: '127.0.0.1:18080',
      read_timeout: '30s',
      write_timeout: '60s',
      max_request_size: '10MB',
    });
    expect(cfg.sandbox.ptrace).toMatchObject({
      enabled: true,
      attach_mode: 'children',
      performance: { seccomp_prefilter: false },
    });
    expect(cfg.sandbox.unix_sockets.enabled).toBe(false);
    expect(cfg.sandbox.env_inject).toEqual({ BASH_ENV: '/usr/lib/agentsh/bash_startup.sh' });
    expect(cfg.dlp.custom_patterns).toHaveLength(9);
    expect(cfg.threat_feeds.sync_interval).toBe('6h');
    expect(cfg.policies).toMatchObject({ dir: '/etc/agentsh/policies', default: 'default' });
    expect(cfg.approvals).toEqual({ enabled: false, mode: 'async', timeout: '5m' });
    expect(cfg).not.toHaveProperty('mcp');
    expect(cfg).not.toHaveProperty('package_scanning');
    expect(cfg.proxy).not.toHaveProperty('mcp');
  });
});

describe('parseServerConfig', () => {
  it('applies agentsh defaults to an empty file (our HTTP addr is loopback)', () => {
    const r = parseServerConfig('', { file: '/etc/agentsh/config.yaml' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.server.http.addr).toBe('127.0.0.1:18080');
    expect(r.config.server.http.write_timeout).toBe('5m');
    expect(r.config.sessions).toMatchObject({
      base_dir: '/var/lib/agentsh/sessions',
      max_sessions: 100,
      cleanup_interval: '1m',
    });
    expect(r.config.audit.storage.sqlite_path).toBe('/var/lib/agentsh/events.db');
    expect(r.config.policies.dir).toBe('/etc/agentsh/policies');
    expect(r.config.sandbox.unix_sockets.enabled).toBe(true);
    expect(r.config.approvals.mode).toBe('local_tty');
    expect(r.config.sandbox.ptrace.performance.idle_polling).toBe(false);
  });

  it('takes our idle_polling switch next to agentsh ptrace performance keys', () => {
    const text = 'sandbox:\n  ptrace:\n    performance:\n      max_tracees: 50\n      idle_polling: true\n';
    const r = parseServerConfig(text, { file: 'config.yaml' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.sandbox.ptrace.performance).toMatchObject({ max_tracees: 50, idle_polling: true });
  });

  it('expands ${ENV} over the whole file and applies AGENTSH_* overrides', () => {
    const env = {
      PORT: '19090',
      AGENTSH_LOG_LEVEL: 'warn',
      AGENTSH_DATA_DIR: '/data',
      AGENTSH_PROXY_PORT: '7000',
    };
    const r = parseServerConfig(
      'server:\n  http:\n    addr: "127.0.0.1:${PORT}"\nlogging:\n  level: debug\n',
      { env },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.server.http.addr).toBe('127.0.0.1:19090');
    expect(r.config.logging.level).toBe('warn');
    expect(r.config.sessions.base_dir).toBe('/data/sessions');
    expect(r.config.audit.storage.sqlite_path).toBe('/data/events.db');
    expect(r.config.proxy.port).toBe(7000);
  });

  it('reports wrong types and cross-field violations with line:col', () => {
    const bad = parseServerConfig('sessions:\n  max_sessions: lots\n', { file: 'c.yaml' });
    expect(bad.ok === false && bad.issues[0]).toMatchObject({
      path: ['sessions', 'max_sessions'],
      line: 2,
      col: 17,
    });
    const clash = parseServerConfig(
      'sandbox:\n  ptrace:\n    enabled: true\n  unix_sockets:\n    enabled: true\n',
    );
    expect(clash.ok === false && clash.issues[0]).toMatchObject({
      path: ['sandbox', 'unix_sockets', 'enabled'],
      line: 5,
    });
    const mode = parseServerConfig('approvals:\n  enabled: true\n  mode: async\n');
    expect(mode.ok === false && mode.issues[0]?.message).toContain('approvals.mode must be one of');
    expect(parseServerConfig('dlp:\n  mode: shout\n').ok).toBe(false);
  });
});

describe('expandEnv', () => {
  it('follows Go os.ExpandEnv', () => {
    const env = { A: 'x', B: '' };
    expect(expandEnv('$A-${A}-$B-${C}-$-$)-${}-end$', env)).toBe('x-x---$)--end$');
    expect(expandEnv('regex [0-9]+$', env)).toBe('regex [0-9]+$');
    expect(expandEnv('${A:-d}', env)).toBe('');
  });
});
