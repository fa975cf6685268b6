// Fails when a workspace package depends on or imports another in a direction the architecture
// forbids (docs/architecture.md "Packages and direction of dependencies").
// Usage: node scripts/check-boundaries.mjs [ROOT]   |   node scripts/check-boundaries.mjs --self-test
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Which @agentsh packages each package may import at run time; `types` may also be imported with `import type`. */
export const RULES = {
  '@agentsh/policy': { runtime: [], types: [] },
  '@agentsh/dlp': { runtime: ['@agentsh/dlp-native'], types: [] },
  '@agentsh/dlp-native': { runtime: [], types: [] },
  '@agentsh/dns-proxy': { runtime: [], types: [] },
  '@agentsh/audit': { runtime: [], types: ['@agentsh/policy'] },
  '@agentsh/tracer': { runtime: ['@agentsh/tracer-native'], types: [] },
  '@agentsh/tracer-native': { runtime: [], types: [] },
  '@agentsh/cli-native': { runtime: [], types: [] },
  '@agentsh/daemon': {
    runtime: [
      '@agentsh/policy',
      '@agentsh/dlp',
      '@agentsh/dns-proxy',
      '@agentsh/audit',
      '@agentsh/tracer',
      '@agentsh/tracer-native',
      '@agentsh/dlp-native',
    ],
    types: [],
  },
  '@agentsh/modal-runner': { runtime: ['@agentsh/policy'], types: ['@agentsh/daemon'] },
};

const IMPORT_RE =
  /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"](@agentsh\/[a-z-]+)[^'"]*['"]|import\(\s*['"](@agentsh\/[a-z-]+)/gm;

function workspacePackages(root) {
  const out = [];
  for (const group of ['packages', 'apps', 'native']) {
    let names = [];
    try {
      names = readdirSync(join(root, group));
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = join(root, group, name);
      try {
        out.push({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) });
      } catch {}
    }
  }
  return out;
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'build') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(c|m)?[jt]s$/.test(entry)) files.push(path);
  }
  return files;
}

/** Returns a list of human-readable violations (empty when the graph is clean). */
export function checkBoundaries(root) {
  const problems = [];
  for (const { dir, pkg } of workspacePackages(root)) {
    const rule = RULES[pkg.name];
    if (!rule) {
      problems.push(`${relative(root, dir)}: package ${pkg.name} has no boundary rule`);
      continue;
    }
    for (const dep of Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith('@agentsh/'))) {
      if (!rule.runtime.includes(dep) && !rule.types.includes(dep)) {
        problems.push(`${relative(root, dir)}/package.json: ${pkg.name} must not depend on ${dep}`);
      }
    }
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT_RE)) {
        const target = m[3] ?? m[4];
        const typeOnly = Boolean(m[2]);
        if (target === pkg.name || rule.runtime.includes(target)) continue;
        if (typeOnly && rule.types.includes(target)) continue;
        const line = text.slice(0, m.index).split('\n').length;
        problems.push(
          `${relative(root, file)}:${line}: ${pkg.name} must not ${typeOnly ? 'type-' : ''}import ${target}`,
        );
      }
    }
  }
  return problems;
}

function selfTest() {
  const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
  try {
    const dir = join(root, 'packages', 'dlp', 'src');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(root, 'packages', 'dlp', 'package.json'), JSON.stringify({ name: '@agentsh/dlp' }));
    writeFileSync(join(dir, 'ok.ts'), "import { x } from './x';\n");
    if (checkBoundaries(root).length !== 0) throw new Error('self-test: clean package reported');
    writeFileSync(join(dir, 'bad.ts'), "import { evaluate } from '@agentsh/policy';\n");
    const problems = checkBoundaries(root);
    if (problems.length !== 1 || !problems[0].includes('bad.ts:1')) {
      throw new Error(`self-test: forbidden import not reported: ${JSON.stringify(problems)}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  if (process.argv[2] === '--self-test') {
    selfTest();
    console.log('boundaries: self-test passed');
  } else {
    const problems = checkBoundaries(process.argv[2] ?? process.cwd());
    for (const p of problems) console.error(`boundaries: ${p}`);
    if (problems.length > 0) process.exit(1);
    console.log('boundaries: ok');
  }
}
