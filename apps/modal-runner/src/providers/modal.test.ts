import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildImageSpec, type ImageSpec } from '../image/spec';
import { stagePayload } from '../image/stage';
import { createModalProvider } from './modal';
import { createRecordingModalClient } from './modal.fake';

// Contract: the exact calls the modal provider makes to the Modal JS SDK (no network: a recording fake client).
describe('modal provider contract', () => {
  const spec: ImageSpec = buildImageSpec({ upload: true });
  // Staging all ~2000 payload files takes seconds; the call-order tests stage the built files only.
  const small: ImageSpec = { ...spec, payload: spec.payload.slice(0, 3) };

  async function created() {
    const fake = createRecordingModalClient();
    const provider = createModalProvider({ client: fake.client, appName: 'agentsh-tests' });
    const sandbox = await provider.create(small);
    return { ...fake, provider, sandbox };
  }

  it("builds a Debian + Node 20 image with agentsh-modal's packages, directories and env", async () => {
    const { calls } = await created();
    expect(calls[0]).toEqual({
      op: 'apps.fromName',
      name: 'agentsh-tests',
      params: { createIfMissing: true },
    });
    expect(calls[1]).toEqual({ op: 'images.fromRegistry', tag: 'node:20-bookworm-slim' });
    const layer = calls.find((c) => c.op === 'image.dockerfileCommands');
    const commands = layer?.op === 'image.dockerfileCommands' ? layer.commands.join('\n') : '';
    for (const pkg of [
      'ca-certificates',
      'curl',
      'git',
      'sudo',
      'libseccomp2',
      'dnsutils',
      'python3',
      'openssl',
    ])
      expect(commands).toContain(` ${pkg}`);
    expect(commands).toContain('mkdir -p /etc/agentsh/policies /var/lib/agentsh/quarantine');
    expect(commands).toContain('ENV AGENTSH_SERVER=http://127.0.0.1:18080');
  });

  it('creates the sandbox from that image with a 30 minute timeout and no outside network', async () => {
    const { calls } = await created();
    const create = calls.find((c) => c.op === 'sandboxes.create');
    expect(create?.op === 'sandboxes.create' && create.app).toEqual({ appName: 'agentsh-tests' });
    expect(create?.op === 'sandboxes.create' && create.image.layers.length).toBe(1);
    expect(create?.op === 'sandboxes.create' && create.params).toMatchObject({
      timeoutMs: 1_800_000,
      blockNetwork: true,
    });
  });

  it('ships the bundled daemon and CLI, the native tracer, better-sqlite3 and the stand-ins', () => {
    const targets = spec.payload.map((f) => f.target);
    for (const path of [
      '/opt/agentsh/apps/daemon/dist/cli.js',
      '/opt/agentsh/apps/daemon/bin/agentsh.mjs',
      '/opt/agentsh/native/tracer/build/Release/tracer.node',
      '/opt/agentsh/native/tracer/build/Release/agentsh-tracer',
      '/opt/agentsh/apps/daemon/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      '/opt/agentsh/apps/modal-runner/assets/standins.mjs',
      '/opt/agentsh/apps/modal-runner/node_modules/dns-packet/package.json',
    ])
      expect(targets).toContain(path);
    for (const file of spec.payload) expect(existsSync(file.source)).toBe(true);
    expect(targets.some((t) => t.includes('/node_modules/modal/'))).toBe(false);
  });

  it('stages the whole payload into one tarball', () => {
    const staged = stagePayload(spec.payload);
    try {
      const list = execFileSync('tar', ['-tzf', staged.tarball], { encoding: 'utf8', maxBuffer: 64 << 20 });
      expect(list).toContain('./opt/agentsh/apps/daemon/dist/cli.js\n');
      expect(staged.fileCount).toBe(spec.payload.length);
    } finally {
      staged.cleanup();
    }
  });

  it('uploads the payload as one tarball and unpacks it at /', async () => {
    const { calls } = await created();
    const upload = calls.find((c) => c.op === 'copyFromLocal');
    expect(upload).toMatchObject({ remotePath: '/tmp/agentsh-payload.tgz' });
    const untar = calls.find((c) => c.op === 'exec');
    expect(untar?.op === 'exec' && untar.command).toEqual([
      'bash',
      '-c',
      'tar -xzf /tmp/agentsh-payload.tgz -C / && rm -f /tmp/agentsh-payload.tgz',
    ]);
  });

  it('runs commands as bash -c with a timeout, writes files, and terminates cleanly', async () => {
    const { calls, sandbox } = await created();
    const before = calls.length;
    const result = await sandbox.exec('echo hi', { timeoutMs: 5000 });
    await sandbox.writeFile('/usr/bin/agentsh', '#!/bin/sh\n', 0o755);
    await sandbox.terminate();
    expect(result.exitCode).toBe(0);
    expect(calls.slice(before)).toEqual([
      { op: 'exec', command: ['bash', '-c', 'echo hi'], params: { timeoutMs: 5000 } },
      { op: 'writeBytes', path: '/usr/bin/agentsh', text: '#!/bin/sh\n' },
      { op: 'exec', command: ['bash', '-c', "chmod 755 '/usr/bin/agentsh'"], params: { timeoutMs: 30000 } },
      { op: 'terminate' },
      { op: 'close' },
    ]);
  });

  it('streams stdout and stderr and passes the exit code through', async () => {
    const fake = createRecordingModalClient(() => ({ exitCode: 3, stdout: 'out', stderr: 'err' }));
    const sandbox = await createModalProvider({ client: fake.client, appName: 'x' }).create({
      ...spec,
      payload: [],
    });
    const seen: string[] = [];
    const r = await sandbox.exec('false', { onStdout: (c) => seen.push(c), onStderr: (c) => seen.push(c) });
    expect(r).toMatchObject({ exitCode: 3, stdout: 'out', stderr: 'err', timedOut: false });
    expect(seen.sort()).toEqual(['err', 'out']);
  });

  it('closes the client when the sandbox cannot be created', async () => {
    const fake = createRecordingModalClient();
    const client = {
      ...fake.client,
      sandboxes: { create: () => Promise.reject(new Error('modal: quota exceeded')) },
    };
    const provider = createModalProvider({ client, appName: 'x' });
    await expect(provider.create(small)).rejects.toThrow('quota exceeded');
    expect(fake.calls.at(-1)).toEqual({ op: 'close' });
  });

  it('reports a command the SDK ended at its deadline as timed out, keeping its output', async () => {
    const fake = createRecordingModalClient(() => ({
      exitCode: 0,
      stdout: 'partial',
      waitError: 'Deadline exceeded while waiting for exec ex-1',
    }));
    const sandbox = await createModalProvider({ client: fake.client, appName: 'x' }).create({
      ...spec,
      payload: [],
    });
    const r = await sandbox.exec('sleep 60', { timeoutMs: 1000 });
    expect(r).toMatchObject({ exitCode: 124, timedOut: true, stdout: 'partial' });
    const other = createRecordingModalClient(() => ({
      exitCode: 0,
      waitError: 'UNAVAILABLE: connection reset',
    }));
    const sb2 = await createModalProvider({ client: other.client, appName: 'x' }).create({
      ...spec,
      payload: [],
    });
    await expect(sb2.exec('true')).rejects.toThrow('connection reset');
  });

  it('terminates the sandbox when installing the payload fails', async () => {
    const fake = createRecordingModalClient(() => ({ exitCode: 2, stderr: 'tar: broken' }));
    const provider = createModalProvider({ client: fake.client, appName: 'x' });
    await expect(provider.create(small)).rejects.toThrow(/unpacking the payload failed: tar: broken/);
    expect(fake.calls.slice(-2)).toEqual([{ op: 'terminate' }, { op: 'close' }]);
  });
});
