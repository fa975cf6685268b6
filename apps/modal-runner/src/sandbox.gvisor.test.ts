import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunnerEnv } from './env';
import { buildImageSpec, type ImageSpec } from './image/spec';
import { SHIM_PATH } from './image/statx-shim';
import { createGvisorProvider, runscInstalled } from './providers/gvisor';
import type { Sandbox } from './providers/types';
import { prepareSandbox } from './runner/prepare';
import { startStandins } from './standins/start';

// One runsc sandbox for the whole file: provider behaviour first, then the stand-in internet, terminate last.
describe.skipIf(!runscInstalled())('gvisor provider (runsc --network=none)', () => {
  let sandbox: Sandbox;
  let spec: ImageSpec;

  beforeAll(async () => {
    spec = buildImageSpec({ upload: false });
    sandbox = await createGvisorProvider(readRunnerEnv()).create(spec);
  });
  afterAll(async () => sandbox?.terminate());

  it('runs a command inside gVisor with only loopback', async () => {
    const r = await sandbox.exec(
      'echo hello; dmesg 2>/dev/null | grep -c gVisor; ip -o link | grep -vc " lo:"',
    );
    expect(r.exitCode).toBe(1); // grep -vc counts 0 non-lo links and exits 1
    expect(r.stdout).toMatch(/^hello\n[1-9]\d*\n0\n$/);
  });

  it('passes exit codes through and keeps stderr apart from stdout', async () => {
    const r = await sandbox.exec('echo out; echo err >&2; exit 7');
    expect(r).toMatchObject({ exitCode: 7, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  it('streams output while the command runs', async () => {
    const chunks: string[] = [];
    const r = await sandbox.exec('echo one; sleep 0.3; echo two', { onStdout: (c) => chunks.push(c) });
    expect(r.exitCode).toBe(0);
    expect(chunks.join('')).toBe('one\ntwo\n');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
  });

  it('writes files into the sandbox layer only', async () => {
    await sandbox.writeFile('/etc/agentsh-modal-probe/x.txt', 'written\n', 0o600);
    const r = await sandbox.exec(
      'cat /etc/agentsh-modal-probe/x.txt; stat -c %a /etc/agentsh-modal-probe/x.txt || true',
    );
    expect(r.stdout.startsWith('written\n')).toBe(true);
    const { existsSync } = await import('node:fs');
    expect(existsSync('/etc/agentsh-modal-probe/x.txt')).toBe(false);
  });

  it('kills a command (and its children) at its timeout', async () => {
    const r = await sandbox.exec('sleep 30 & sleep 30', { timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBe(124);
    const left = await sandbox.exec('pgrep -c -x sleep || true');
    expect(left.stdout.trim()).toBe('0');
  });

  it('works around the statx quirk with a preloaded shim, inside the sandbox only', async () => {
    expect((await sandbox.exec('LD_PRELOAD= ls -ld /')).stderr).toMatch(/Invalid argument/); // the control
    expect(await sandbox.exec('ls -la /usr/bin/ls')).toMatchObject({ exitCode: 0 });
    const { existsSync } = await import('node:fs');
    expect(existsSync(SHIM_PATH)).toBe(false);
  });

  it('sets up the stand-in internet: DNS over UDP and TCP', async () => {
    await prepareSandbox(sandbox, spec);
    await startStandins(sandbox, spec);
    const udp = await sandbox.exec('dig +short +time=2 +tries=1 github.com A');
    expect(udp.stdout.trim()).toBe('127.77.1.1');
    const tcp = await sandbox.exec('dig +tcp +short +time=2 +tries=1 sub.evil.com A');
    expect(tcp.stdout.trim()).toBe('127.77.2.1');
    const py = `python3 -c "import socket; print(socket.getaddrinfo('pypi.org',443,socket.AF_INET)[0][4][0])"`;
    expect((await sandbox.exec(py)).stdout.trim()).toBe('127.77.1.4');
  });

  it('answers nothing for metadata, redirect or unknown names', async () => {
    const r = await sandbox.exec(
      'for n in metadata.google.internal redirectme.example.com example.org; do dig +time=2 +tries=1 $n A | grep -o "status: [A-Z]*"; done',
    );
    expect(r.stdout).toBe('status: NXDOMAIN\n'.repeat(3));
  });

  it('serves HTTPS with a certificate the sandbox trusts, and HTTP', async () => {
    const https = await sandbox.exec('curl -sS --max-time 5 https://api.github.com/zen');
    expect(https).toMatchObject({ exitCode: 0, stdout: 'stand-in for api.github.com/zen\n' });
    const http = await sandbox.exec('curl -sS --max-time 5 -d x=1 http://httpbin.org/post');
    expect(http.stdout).toBe('stand-in for httpbin.org/post\n');
  });

  it('cannot reach the metadata address (no network but loopback)', async () => {
    const r = await sandbox.exec('curl -sS --max-time 3 http://169.254.169.254/latest/meta-data/');
    expect(r.exitCode).not.toBe(0);
  });

  it('terminates: later commands fail', async () => {
    await sandbox.terminate();
    await expect(sandbox.exec('true')).rejects.toThrow(/sandbox ended/);
  });
});
