import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunnerEnv } from '../env';
import { buildImageSpec } from '../image/spec';
import { createLocalProvider, LOCAL_WARNING, relocate } from './local';
import type { Sandbox } from './types';

describe('relocate', () => {
  it('moves agentsh system paths under the root and leaves others alone', () => {
    const cmd =
      'cat /etc/agentsh/config.yaml /var/log/agentsh/agentsh.log /etc/hosts; /usr/bin/agentsh --version';
    expect(relocate(cmd, '/tmp/r')).toBe(
      'cat /tmp/r/etc/agentsh/config.yaml /tmp/r/var/log/agentsh/agentsh.log /etc/hosts; /tmp/r/usr/bin/agentsh --version',
    );
  });
});

describe('local provider', () => {
  const provider = createLocalProvider(readRunnerEnv());
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await provider.create(buildImageSpec({ upload: false }));
  });
  afterAll(async () => sandbox?.terminate());

  it('says it is not isolated', () => {
    expect(provider.isolated).toBe(false);
    expect(provider.warning).toBe(LOCAL_WARNING);
    expect(LOCAL_WARNING).toMatch(/NO ISOLATION/);
  });

  it('writes agentsh files under its own root, never into the host /etc', async () => {
    await sandbox.writeFile('/etc/agentsh/probe.txt', 'local\n');
    const r = await sandbox.exec('cat /etc/agentsh/probe.txt; echo err >&2; exit 3');
    expect(r).toMatchObject({ exitCode: 3, stdout: 'local\n', stderr: 'err\n' });
    expect(existsSync('/etc/agentsh/probe.txt')).toBe(false);
  });

  it('runs in its own network namespace holding only loopback', async () => {
    const r = await sandbox.exec("ip -o link | wc -l; ip -o link | grep -c 'lo: <LOOPBACK,UP'");
    expect(r.stdout).toBe('1\n1\n');
  });

  it('ends every process it started when terminated', async () => {
    // Each local sandbox has its own pid namespace and /proc: count from the host, which sees them all.
    const count = () => execSync('pgrep -c -f "^sleep 300.4321$" || true', { encoding: 'utf8' });
    const other = await provider.create(buildImageSpec({ upload: false }));
    await other.exec('nohup sleep 300.4321 > /dev/null 2>&1 &');
    expect(count()).toBe('1\n');
    await other.terminate();
    await new Promise((r) => setTimeout(r, 200));
    expect(count()).toBe('0\n');
  });

  it('puts the relocated /usr/bin first on PATH', async () => {
    await sandbox.writeFile('/usr/bin/agentsh', '#!/bin/sh\necho relocated-agentsh\n', 0o755);
    const r = await sandbox.exec('agentsh');
    expect(r.stdout).toBe('relocated-agentsh\n');
  });
});
