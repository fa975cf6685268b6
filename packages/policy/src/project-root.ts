import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** agentsh's default `policies.project_markers`. `.git` marks GIT_ROOT and ends the walk. */
export const DEFAULT_PROJECT_MARKERS: readonly string[] = [
  '.git',
  'go.mod',
  'package.json',
  'Cargo.toml',
  'pyproject.toml',
];

export interface ProjectRoots {
  projectRoot: string;
  gitRoot: string;
}

export interface DetectProjectRootOptions {
  markers?: readonly string[];
  /** `policies.detect_project_root: false` -> PROJECT_ROOT = GIT_ROOT = workspace. */
  detect?: boolean;
}

function resolveReal(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Walks up from the workspace (symlinks resolved): the nearest language marker is PROJECT_ROOT, the
 * nearest `.git` is GIT_ROOT and stops the walk; no language marker below it -> PROJECT_ROOT = GIT_ROOT;
 * no markers at all -> the workspace. Reads the file system only to test for marker files.
 */
export function detectProjectRoot(workspace: string, options: DetectProjectRootOptions = {}): ProjectRoots {
  const start = resolveReal(workspace);
  if (options.detect === false) return { projectRoot: start, gitRoot: start };
  const markers = options.markers ?? DEFAULT_PROJECT_MARKERS;
  const languageMarkers = markers.filter((m) => m !== '.git');
  const useGit = markers.includes('.git');
  let project: string | undefined;
  let git: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (project === undefined && languageMarkers.some((m) => existsSync(join(dir, m)))) project = dir;
    if (useGit && existsSync(join(dir, '.git'))) {
      git = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  const projectRoot = project ?? git ?? start;
  return { projectRoot, gitRoot: git ?? projectRoot };
}
