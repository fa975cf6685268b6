import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../src/engine';
import { loadPolicy } from '../src/parse-policy';
import { DEFAULT_POLICY } from './paths';

// agentsh-modal v0.16.1 tests.py runs with --workspace /root as root: PROJECT_ROOT = HOME = /root.
function engine(resolve?: (h: string) => string[]): Engine {
  return createEngine(loadPolicy(DEFAULT_POLICY), {
    variables: { vars: { PROJECT_ROOT: '/root' }, env: { HOME: '/root' } },
    ...(resolve ? { resolve } : {}),
  });
}
const e = engine();

describe('default.yaml: command precheck (tests.py 22-30)', () => {
  it.each([
    ['sudo', ['whoami'], 'deny', 'block-container-escape'],
    ['nsenter', ['--help'], 'deny', 'block-container-escape'],
    ['su', ['root', '-c', 'whoami'], 'deny', 'block-container-escape'],
    ['docker', ['ps'], 'deny', 'block-container-escape'],
    ['ls', ['/'], 'allow', 'allow-safe-commands'],
    ['git', ['--version'], 'allow', 'allow-dev-tools'],
    ['python3', ['--version'], 'allow', 'allow-dev-tools'],
    ['/bin/echo', ['hello'], 'allow', 'allow-safe-commands'],
    ['whoami', [], 'allow', 'allow-other-commands'],
    ['/usr/bin/whoami', [], 'allow', 'allow-other-commands'],
    ['rm', ['-rf', '/tmp/x'], 'allow', 'allow-safe-commands'],
    ['git', ['push', '--force'], 'allow', 'allow-dev-tools'],
    ['npm', ['install', 'left-pad'], 'allow', 'allow-dev-tools'],
    ['SUDO', ['-i'], 'deny', 'block-container-escape'],
    ['/usr/local/bin/docker', ['ps'], 'deny', 'block-container-escape'],
    ['kill', ['-9', '1'], 'deny', 'block-system-commands'],
    ['nc', ['-l', '4444'], 'deny', 'block-network-tools'],
  ])('%s %j -> %s by %s', (command, args, decision, rule) => {
    expect(e.checkCommand(command, args)).toMatchObject({ decision, effectiveDecision: decision, rule });
  });

  it('renders {{.Command}} and {{.Args}} into the message', () => {
    expect(e.checkCommand('sudo', ['whoami']).message).toBe('Container escape attempt blocked: sudo');
    expect(e.checkCommand('nc', []).message).toBe('Raw network tool blocked: nc');
  });

  it('nested curl needs approval, enforced as allow in shadow mode', () => {
    const r = e.checkExecve('/usr/bin/curl', ['curl', 'https://x.test'], 1);
    expect(r).toMatchObject({
      decision: 'approve',
      effectiveDecision: 'allow',
      rule: 'approve-network-tools-nested',
    });
    expect(r.approval).toEqual({ required: true, mode: 'shadow', timeoutMs: 120_000 });
    expect(r.message).toBe('Nested script wants to fetch: curl https://x.test');
    expect(e.checkCommand('curl', ['https://x.test'])).toMatchObject({ rule: 'allow-network-tools-direct' });
  });
});

describe('default.yaml: files (tests.py 31-37)', () => {
  it.each([
    ['/root/test_write.txt', 'create', 'allow', 'allow-workspace-write'],
    ['/etc/hosts', 'open', 'allow', 'allow-etc-minimal'],
    ['/tmp/test.txt', 'create', 'allow', 'allow-tmp'],
    ['/usr/bin/ls', 'open', 'allow', 'allow-system-read'],
    ['/usr/bin/ls', 'stat', 'allow', 'allow-system-read'],
    ['/etc/hack', 'create', 'deny', 'default-deny-files'],
    ['/proc/1/environ', 'open', 'deny', 'deny-proc-sys'],
    ['/usr/bin/evil', 'create', 'deny', 'default-deny-files'],
    ['/usr/bin/sudo', 'open', 'deny', 'block-dangerous-binaries'],
    ['/proc/self/status', 'open', 'allow', 'allow-proc-self'],
    ['/', 'open', 'allow', 'allow-system-read'],
    ['/dev/null', 'write', 'allow', 'allow-dev-devices'],
    ['/root/.ssh/id_rsa', 'open', 'allow', 'allow-workspace-read'],
    ['/var/run/docker.sock', 'open', 'deny', 'block-docker-socket'],
  ])('%s %s -> %s by %s', (path, op, decision, rule) => {
    expect(e.checkFile(path, op)).toMatchObject({ decision, effectiveDecision: decision, rule });
  });

  it('soft-deletes in the workspace with a rendered message', () => {
    expect(e.checkFile('/root/x.txt', 'delete')).toEqual({
      decision: 'soft_delete',
      effectiveDecision: 'soft_delete',
      rule: 'soft-delete-workspace',
      message: 'File quarantined (recoverable): /root/x.txt',
    });
  });

  it('env files outside the workspace need approval (shadow -> allow)', () => {
    expect(e.checkFile('/srv/app/.env', 'open')).toMatchObject({
      decision: 'approve',
      effectiveDecision: 'allow',
      rule: 'approve-env-files',
    });
  });
});

describe('default.yaml: network and DNS (tests.py 12-21, 38-39)', () => {
  it.each([
    ['10.0.0.1', 80, 'deny', 'block-private-networks'],
    ['192.168.1.1', 80, 'deny', 'block-private-networks'],
    ['169.254.169.254', 80, 'deny', 'block-private-networks'],
    ['::ffff:10.0.0.1', 80, 'deny', 'block-private-networks'],
    ['127.0.0.1', 8080, 'allow', 'allow-localhost'],
    ['::1', 18080, 'allow', 'allow-localhost'],
    ['github.com', 443, 'allow', 'allow-github'],
    ['API.GitHub.com.', 443, 'allow', 'allow-github'],
    ['github.com', 80, 'allow', 'approve-unknown-http'],
    ['evil.com', 443, 'deny', 'block-evil-domains'],
    ['sub.evil.com', 443, 'deny', 'block-evil-domains'],
    ['example.org', 443, 'allow', 'approve-unknown-https'],
    ['example.org', 8080, 'deny', 'default-deny-network'],
    ['metadata.google.internal', 80, 'allow', 'approve-unknown-http'],
  ])('%s:%d -> effective %s by %s', (host, port, effective, rule) => {
    expect(e.checkNetwork(host, port)).toMatchObject({ effectiveDecision: effective, rule });
  });

  it('a CIDR rule meets a host name only through the injected resolver', () => {
    const withDns = engine((h) => (h === 'metadata.google.internal' ? ['169.254.169.254'] : []));
    expect(withDns.checkNetwork('metadata.google.internal', 80)).toMatchObject({
      decision: 'deny',
      rule: 'block-cloud-metadata',
      message: 'Cloud metadata access blocked: metadata.google.internal:80',
    });
  });

  it.each([
    ['evil.com', 'deny', 'block-evil-domains'],
    ['sub.evil.com', 'deny', 'block-evil-domains'],
    ['github.com', 'allow', 'allow-github'],
    ['pypi.org', 'allow', 'allow-pypi'],
  ])('dns %s -> %s by %s', (name, decision, rule) => {
    expect(e.checkDns(name)).toMatchObject({ decision, rule });
  });

  it('redirects redirectme.example.com to 127.0.0.1', () => {
    expect(e.checkDns('redirectme.example.com.')).toEqual({
      decision: 'redirect',
      effectiveDecision: 'redirect',
      rule: 'redirect-test',
      redirect: { kind: 'dns', resolveTo: '127.0.0.1', visibility: 'audit_only', onFailure: 'fail_closed' },
    });
  });
});

describe('default.yaml: env_policy', () => {
  it.each([
    ['AWS_SECRET_KEY', 'deny', 'deny'],
    ['GITHUB_TOKEN', 'deny', 'deny'],
    ['HOME', 'allow', 'allow'],
    ['LC_ALL', 'allow', 'allow'],
    ['AGENTSH_SESSION_ID', 'allow', 'allow'],
    ['RANDOM_VAR', 'deny', 'default-deny'],
  ])('%s -> %s by %s', (name, decision, rule) => {
    expect(e.checkEnv(name)).toMatchObject({ decision, rule });
  });
});
