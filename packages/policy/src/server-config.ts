import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PolicyError } from './errors';
import { expandEnv } from './expand-env';
import { formatIssue, type PolicyIssue } from './issues';
import { applyEnvOverrides } from './server-config-env';
import { type ServerConfig, serverConfigSchema } from './server-config-schema';
import { applyDerivedDefaults, validateServerConfig } from './server-config-validate';
import { parseYamlSource } from './yaml-source';

export interface ServerConfigOptions {
  /** For positions in issues, and the default policies.dir (`<dir of file>/policies`). */
  file?: string;
  /** Environment for ${ENV} expansion and AGENTSH_* overrides. Never read implicitly. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default /var/lib/agentsh (agentsh's system data dir). */
  dataDir?: string;
}

export type ParseServerConfigResult =
  | { ok: true; config: ServerConfig }
  | { ok: false; issues: PolicyIssue[] };

/** Parses config.yaml leniently (unknown keys ignored) with agentsh's defaults. Never throws. */
export function parseServerConfig(text: string, options: ServerConfigOptions = {}): ParseServerConfigResult {
  const { file } = options;
  const env = options.env ?? {};
  const src = parseYamlSource(expandEnv(text, env), file);
  if (src.errors.length > 0) return { ok: false, issues: src.errors };
  const raw = src.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [
        { code: 'invalid_type', path: [], message: 'config must be a YAML mapping', line: 1, col: 1, file },
      ],
    };
  }
  const configDir = file ? dirname(file) : '/etc/agentsh';
  const schema = serverConfigSchema({ dataDir: options.dataDir ?? '/var/lib/agentsh', configDir });
  const parsed = schema.safeParse(applyEnvOverrides(raw as Record<string, unknown>, env));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      return { code: i.code, path, message: i.message, ...src.locate(path), file };
    });
    return { ok: false, issues };
  }
  const config = applyDerivedDefaults(parsed.data);
  const problems = validateServerConfig(config);
  if (problems.length > 0) {
    return {
      ok: false,
      issues: problems.map((p) => ({ code: 'invalid_config', ...p, ...src.locate(p.path), file })),
    };
  }
  return { ok: true, config };
}

/** Reads and parses config.yaml. Throws PolicyError POLICY_IO (unreadable) or POLICY_CONFIG (invalid). */
export function loadServerConfig(
  file: string,
  options: Omit<ServerConfigOptions, 'file'> = {},
): ServerConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new PolicyError('POLICY_IO', `cannot read config ${file}: ${code}`, { cause: err });
  }
  const r = parseServerConfig(text, { ...options, file });
  if (!r.ok) {
    const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : '';
    throw new PolicyError('POLICY_CONFIG', `${formatIssue(r.issues[0] as PolicyIssue)}${more}`, {
      cause: r.issues,
    });
  }
  return r.config;
}
