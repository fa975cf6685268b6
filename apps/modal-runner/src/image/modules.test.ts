import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';
import { moduleFiles, runtimeModules } from './modules';

describe('runtimeModules', () => {
  const daemon = join(repoRoot(), 'apps', 'daemon');

  it("collects the daemon's external run-time packages and their dependencies", () => {
    const names = runtimeModules(daemon).map((m) => m.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'better-sqlite3',
        'bindings',
        'hono',
        '@agentsh/tracer-native',
        '@agentsh/dlp-native',
      ]),
    );
  });

  it('leaves out dev dependencies and the workspace packages the bundle inlines', () => {
    const names = runtimeModules(daemon).map((m) => m.name);
    expect(names).not.toContain('vitest');
    expect(names).not.toContain('@agentsh/policy');
  });

  it('ships the native addon but not C sources or nested node_modules', () => {
    const sqlite = runtimeModules(daemon).find((m) => m.name === 'better-sqlite3');
    const files = moduleFiles(sqlite?.dir ?? '/nonexistent');
    expect(files).toContain(join('build', 'Release', 'better_sqlite3.node'));
    expect(files.some((f) => f.endsWith('.cpp') || f.includes('node_modules'))).toBe(false);
  });
});
