import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RunnerError } from '../errors';
import type { PayloadFile } from './payload';

/** A gzip'd tar of the payload, laid out from / so `tar -xzf FILE -C /` installs it. */
export interface StagedPayload {
  readonly tarball: string;
  readonly fileCount: number;
  cleanup(): void;
}

/** Copies the payload (symlinks followed) into a temporary tree and packs it with the host's tar. */
export function stagePayload(payload: readonly PayloadFile[]): StagedPayload {
  const dir = mkdtempSync(join(tmpdir(), 'agentsh-payload-'));
  const tree = join(dir, 'tree');
  for (const file of payload) {
    const target = join(tree, file.target);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.source, target);
  }
  const tarball = join(dir, 'payload.tgz');
  mkdirSync(tree, { recursive: true });
  const tar = spawnSync('tar', ['-czf', tarball, '-C', tree, '.'], { encoding: 'utf8' });
  if (tar.status !== 0)
    throw new RunnerError('RUNNER_IMAGE_SPEC', `tar of the sandbox payload failed in ${dir}: ${tar.stderr}`);
  return { tarball, fileCount: payload.length, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
