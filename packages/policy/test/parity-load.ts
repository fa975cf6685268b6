import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compile } from '../src/compile';
import { createEngine, type Engine } from '../src/engine';
import type { ParityCaseFile } from '../src/parity';
import { resolverOf } from '../src/parity';
import { loadPolicy, parsePolicy } from '../src/parse-policy';
import type { Policy } from '../src/schema';
import { FIXTURES_DIR } from './paths';

export const PARITY_DIR = join(FIXTURES_DIR, 'parity');

export function parityFiles(): string[] {
  return readdirSync(PARITY_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(PARITY_DIR, f));
}

export function readCaseFile(path: string): ParityCaseFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ParityCaseFile;
}

export function policyOf(path: string, file: ParityCaseFile): Policy {
  if (file.policyFile) return loadPolicy(join(dirname(path), file.policyFile));
  const r = parsePolicy(file.policyYaml ?? '', { file: path });
  if (!r.ok) throw new Error(`${path}: ${JSON.stringify(r.issues)}`);
  return r.policy;
}

export function setupCaseFile(path: string, file: ParityCaseFile) {
  const policy = policyOf(path, file);
  const options = {
    approvalsEnforced: file.approvalsEnforced ?? false,
    ...(file.variables ? { variables: file.variables } : {}),
  };
  const engine: Engine = createEngine(policy, { ...options, resolve: resolverOf(file) });
  return { engine, table: compile(policy, options) };
}
