import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy, type Policy } from '@agentsh/policy';
import { DaemonError } from '../errors';

const NAME_RE = /^[A-Za-z0-9_-]+$/;

/** Policies by name from policies.dir: `<dir>/<name>.yaml`, then `.yml`, then the bare name. */
export class PolicyStore {
  private readonly dir: string;
  private readonly cache = new Map<string, { mtimeMs: number; policy: Policy }>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The file a policy name refers to, or undefined when there is none (or the name is unsafe). */
  fileOf(name: string): string | undefined {
    if (!NAME_RE.test(name)) return undefined;
    for (const candidate of [`${name}.yaml`, `${name}.yml`, name]) {
      const file = join(this.dir, candidate);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.fileOf(name) !== undefined;
  }

  /** Loads and validates a policy; reloads when the file changed. Throws DaemonError with the location. */
  load(name: string): Policy {
    const file = this.fileOf(name);
    if (!file) throw new DaemonError('DAEMON_BAD_REQUEST', `unknown policy: ${name}`);
    const mtimeMs = statSync(file).mtimeMs;
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.policy;
    try {
      const policy = loadPolicy(file);
      this.cache.set(file, { mtimeMs, policy });
      return policy;
    } catch (cause) {
      throw new DaemonError('DAEMON_CONFIG', (cause as Error).message, { cause });
    }
  }

  /** Names of the policies in the directory. */
  list(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => f.replace(/\.ya?ml$/, ''))
      .filter((n) => NAME_RE.test(n))
      .sort();
  }
}
