import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RunnerError } from '../errors';
import { moduleFiles, runtimeModules } from './modules';

/** One host file and where it goes in the sandbox. */
export interface PayloadFile {
  readonly source: string;
  readonly target: string;
}

/** Built files the sandbox needs, relative to the repo: the daemon bundle and CLI, the native tracer, our scripts. */
export const BUILT_FILES = [
  'apps/daemon/package.json',
  'apps/daemon/bin/agentsh.mjs',
  'apps/daemon/dist/cli.js',
  'apps/daemon/dist/client.js',
  'native/tracer/build/Release/tracer.node',
  'native/tracer/build/Release/agentsh-tracer',
  'native/client/build/Release/agentsh',
  'apps/modal-runner/package.json',
  'apps/modal-runner/assets/standins.mjs',
  'apps/modal-runner/assets/sandbox-agent.mjs',
] as const;

function builtFiles(repo: string, root: string): PayloadFile[] {
  return BUILT_FILES.map((rel) => {
    const source = join(repo, rel);
    if (!existsSync(source))
      throw new RunnerError('RUNNER_IMAGE_SPEC', `${rel} is missing under ${repo}: run pnpm build first`);
    return { source, target: join(root, rel) };
  });
}

/** node_modules an app needs at run time, flattened into <root>/<app>/node_modules. */
function moduleFilesFor(repo: string, app: string, root: string, only?: readonly string[]): PayloadFile[] {
  return runtimeModules(join(repo, app), only).flatMap((mod) =>
    moduleFiles(mod.dir).map((file) => ({
      source: join(mod.dir, file),
      target: join(root, app, 'node_modules', mod.name, file),
    })),
  );
}

/** Everything to upload so the sandbox runs the daemon and the stand-ins without the repository. */
export function runtimePayload(repo: string, root: string): PayloadFile[] {
  const files = [
    ...builtFiles(repo, root),
    ...moduleFilesFor(repo, 'apps/daemon', root),
    // The stand-ins (assets/standins.mjs) need only dns-packet of the runner's dependencies.
    ...moduleFilesFor(repo, 'apps/modal-runner', root, ['dns-packet']),
  ];
  const outside = files.find(
    (f) => !f.target.startsWith(`${root}/`) || relative(root, f.target).startsWith('..'),
  );
  if (outside)
    throw new RunnerError('RUNNER_IMAGE_SPEC', `payload target escapes ${root}: ${outside.target}`);
  return files;
}
