import { compileCustomPattern } from './custom-patterns';
import type { DlpMode } from './redact';
import type { Rule } from './rule';
import { builtinRules } from './rules/index';
import type { Scanner } from './scanner';
import { createScanner } from './scanner';
import type { DlpConfig } from './schema';
import { DlpConfigSchema } from './schema';

export type ParseDlpConfigResult = { ok: true; config: DlpConfig } | { ok: false; issues: string[] };

/** Validates a parsed `dlp:` section (missing section = defaults). Issues name the key. */
export function parseDlpConfig(value: unknown): ParseDlpConfigResult {
  const parsed = DlpConfigSchema.safeParse(value ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => `dlp.${issue.path.join('.')}: ${issue.message}`),
  };
}

/** A configured DLP: the mode and the scanner over built-in plus custom rules. */
export interface Dlp {
  readonly mode: DlpMode;
  readonly scanner: Scanner;
}

/**
 * Builds the rule set a config asks for: the built-in groups left on, then the custom patterns in
 * config order. A custom pattern named like a built-in rule replaces it (agentsh-modal's config
 * lists the nine patterns this package also ships). Throws DlpError on an unusable pattern.
 */
export function createDlp(config: DlpConfig): Dlp {
  const custom = config.custom_patterns.map((pattern, i) =>
    compileCustomPattern(pattern, `dlp.custom_patterns[${i}]`),
  );
  const replaced = new Set(custom.map((rule) => rule.id));
  const rules: Rule[] = [
    ...builtinRules(config.patterns).filter((rule) => !replaced.has(rule.id)),
    ...custom,
  ];
  return { mode: config.mode, scanner: createScanner(rules) };
}
