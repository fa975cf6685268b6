import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** A package needed at run time, found by Node's resolution from its dependent. */
export interface RuntimeModule {
  readonly name: string;
  readonly dir: string;
}

/** Workspace packages the daemon bundle inlines (tsup noExternal); everything else stays in node_modules. */
const BUNDLED = /^@agentsh\/(?!tracer-native$|dlp-native$)/;

function readDeps(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(manifest.dependencies ?? {});
}

function resolveModule(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The run-time closure of a package's dependencies (devDependencies excluded), first version found wins.
 * `only` limits the top level to some of the package's dependencies.
 */
export function runtimeModules(packageDir: string, only?: readonly string[]): RuntimeModule[] {
  const found = new Map<string, string>();
  const visit = (fromDir: string, top = false): void => {
    for (const name of readDeps(fromDir)) {
      if (top && only && !only.includes(name)) continue;
      if (BUNDLED.test(name) || found.has(name)) continue;
      const dir = resolveModule(fromDir, name);
      if (!dir) continue;
      found.set(name, dir);
      visit(dir);
    }
  };
  visit(packageDir, true);
  return [...found].map(([name, dir]) => ({ name, dir }));
}

/** Files of a module worth shipping: everything but nested node_modules, build intermediates and C sources. */
export function moduleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      if (entry === 'node_modules' || entry === 'obj' || entry === 'obj.target' || entry === 'deps') continue;
      const path = join(current, entry);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (!/\.(c|cc|cpp|h|hpp|a|gyp|md|map|d\.ts|d\.cts|d\.mts)$/.test(entry))
        out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out;
}
