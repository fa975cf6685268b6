import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `agentsh trace --dns-upstream` end to end, natively inside `unshare --net` (never the host's network or
// resolver): the built CLI, its embedded DNS proxy, the tracer's port-53 steering and name-based rules.
const BIN = join(__dirname, '..', '..', 'bin', 'agentsh.mjs');
const SCRIPT = join(__dirname, 'run.sh');

function skipReason(): string | undefined {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'cli.js'))) return 'the daemon is not built';
  if (spawnSync('which', ['dnsmasq']).status !== 0) return 'dnsmasq is not installed';
  if (spawnSync('unshare', ['--net', 'true']).status !== 0) return 'unshare --net is not permitted';
  return undefined;
}

const reason = skipReason();

function lines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe.skipIf(reason !== undefined)(
  `agentsh trace --dns-upstream${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    it('resolves through the embedded proxy and judges connects by the names it answered', () => {
      const dir = mkdtempSync(join(tmpdir(), 'agentsh-trace-dns-'));
      const r = spawnSync('unshare', ['--net', 'bash', SCRIPT, BIN, dir], {
        encoding: 'utf8',
        timeout: 90_000,
      });
      const out = r.stdout;
      expect(out).toMatch(/^resolve-allowed: 127\.77\.1\.1$/m);
      expect(out).not.toMatch(/^resolve-denied: 127\.77\.2\.1$/m);
      expect(out).toMatch(/^curl-by-name: ok rc=0$/m);
      expect(out).toMatch(/^dig-tcp: 127\.77\.1\.1$/m);
      expect(out).toMatch(/^curl-never-resolved: .*rc=7$/m);
      // connect_redirects to a host name: mirror.test resolved through the upstream, to the web server
      expect(out).toMatch(/^curl-redirect-by-name: ok rc=0$/m);
      expect(lines(join(dir, 'f.jsonl'))).toContainEqual(
        expect.objectContaining({
          type: 'network',
          address: '127.77.3.3',
          rule: 'to-mirror',
          note: '127.77.1.1:8080',
        }),
      );

      const allowed = lines(join(dir, 'a.jsonl'));
      expect(allowed).toContainEqual(
        expect.objectContaining({ type: 'dns', name: 'github.com', decision: 'allow' }),
      );
      expect(allowed).toContainEqual(
        expect.objectContaining({
          type: 'network',
          port: 53,
          effective: 'allow',
          rule: 'dns-to-session-proxy',
        }),
      );
      const denied = lines(join(dir, 'b.jsonl'));
      expect(denied).toContainEqual(
        expect.objectContaining({ type: 'dns', name: 'evil.com', decision: 'deny', rule: 'block-evil' }),
      );
      const byName = lines(join(dir, 'c.jsonl'));
      expect(byName).toContainEqual(
        expect.objectContaining({
          type: 'network',
          address: '127.77.1.1',
          port: 8080,
          names: ['github.com'],
          effective: 'allow',
          rule: 'allow-github-web',
        }),
      );
      const tcp = lines(join(dir, 'd.jsonl'));
      expect(tcp).toContainEqual(
        expect.objectContaining({ type: 'dns', name: 'github.com', transport: 'tcp' }),
      );
      const never = lines(join(dir, 'e.jsonl'));
      expect(never).toContainEqual(
        expect.objectContaining({
          type: 'network',
          address: '127.77.1.1',
          port: 8080,
          names: [],
          effective: 'deny',
          rule: 'default-deny-network',
        }),
      );
    }, 120_000);
  },
);
