import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunnerError } from './errors';

const PACKAGE_NAME = '@agentsh/modal-runner';

function isRunnerPackage(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  return readFileSync(manifest, 'utf8').includes(`"name": "${PACKAGE_NAME}"`);
}

/** The app folder (apps/modal-runner), found by walking up from this module: works from src and dist. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isRunnerPackage(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new RunnerError(
        'RUNNER_IMAGE_SPEC',
        `cannot find the ${PACKAGE_NAME} folder above ${import.meta.url}`,
      );
    dir = parent;
  }
}

/** The monorepo root (two levels above the app). */
export function repoRoot(): string {
  return dirname(dirname(appRoot()));
}

export function assetPath(name: string): string {
  return join(appRoot(), 'assets', name);
}
