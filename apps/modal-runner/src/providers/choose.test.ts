import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunnerEnv } from '../env';
import { chooseProvider } from './choose';
import { createModalClient, hasModalCredentials } from './modal-client';

function env(over: Partial<RunnerEnv> = {}): RunnerEnv {
  const home = mkdtempSync(join(tmpdir(), 'agentsh-home-'));
  return {
    modalTokenId: undefined,
    modalTokenSecret: undefined,
    home,
    path: '/usr/bin:/bin',
    isRoot: false,
    ...over,
  };
}

describe('chooseProvider', () => {
  it('honours --provider', () => {
    expect(chooseProvider('local', env({ modalTokenId: 'ak-x', modalTokenSecret: 'as-y' })).name).toBe(
      'local',
    );
  });

  it('prefers modal when both token variables are set', () => {
    expect(chooseProvider(undefined, env({ modalTokenId: 'ak-x', modalTokenSecret: 'as-y' })).name).toBe(
      'modal',
    );
    expect(chooseProvider(undefined, env({ modalTokenId: 'ak-x' }), '/nonexistent/runsc').name).toBe('local');
  });

  it('reads credentials from ~/.modal.toml', () => {
    const e = env();
    writeFileSync(join(e.home, '.modal.toml'), '[default]\ntoken_id = "ak-x"\ntoken_secret = "as-y"\n');
    expect(hasModalCredentials(e)).toBe(true);
    expect(chooseProvider(undefined, e).name).toBe('modal');
  });

  it('falls back to gvisor when runsc exists or can be installed, else local', () => {
    const runsc = join(mkdtempSync(join(tmpdir(), 'agentsh-runsc-')), 'runsc');
    writeFileSync(runsc, '');
    expect(chooseProvider(undefined, env(), runsc)).toMatchObject({ name: 'gvisor' });
    expect(chooseProvider(undefined, env({ isRoot: true }), '/nonexistent/runsc').name).toBe('gvisor');
    const local = chooseProvider(undefined, env(), '/nonexistent/runsc');
    expect(local).toMatchObject({ name: 'local' });
    expect(local.reason).toMatch(/NO ISOLATION/);
  });

  it('refuses to build a Modal client without credentials, naming no secret', async () => {
    await expect(createModalClient(env({ modalTokenSecret: 'as-secret-value' }))).rejects.toThrow(
      /MODAL_TOKEN_ID/,
    );
    await expect(createModalClient(env({ modalTokenSecret: 'as-secret-value' }))).rejects.not.toThrow(
      /as-secret-value/,
    );
  });
});
