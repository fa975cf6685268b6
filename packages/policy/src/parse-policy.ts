import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { PolicyError } from './errors';
import { formatIssue, type PolicyIssue } from './issues';
import { type Policy, PolicySchema } from './schema';
import { validatePolicySemantics } from './validate-policy';
import { expandPolicy, type PolicyVariables } from './variables';
import { parseYamlSource, type YamlSource } from './yaml-source';

export type ParsePolicyResult = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };

export interface ParsePolicyOptions {
  /** Used in issue positions (`file:line:col`). */
  file?: string;
  /** When given, `${VAR}` references in file paths and domains are expanded (errors get line:col). */
  expand?: PolicyVariables;
}

function zodIssues(error: z.ZodError, src: YamlSource, file: string | undefined): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          code: issue.code,
          path: [...path, key],
          message: `unknown key "${key}"`,
          ...src.locate(path, key),
          file,
        });
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined');
    const message = missing ? 'required key is missing' : issue.message;
    const pos = missing ? src.locate(path.slice(0, -1)) : src.locate(path);
    out.push({ code: issue.code, path, message, ...pos, file });
  }
  return out;
}

/** Parses and validates a policy document. Never throws: problems come back as issues with line:col. */
export function parsePolicy(text: string, options: ParsePolicyOptions = {}): ParsePolicyResult {
  const { file } = options;
  const src = parseYamlSource(text, file);
  if (src.errors.length > 0) return { ok: false, issues: src.errors };
  if (src.value === null || typeof src.value !== 'object' || Array.isArray(src.value)) {
    return {
      ok: false,
      issues: [
        { code: 'invalid_type', path: [], message: 'a policy must be a YAML mapping', line: 1, col: 1, file },
      ],
    };
  }
  const parsed = PolicySchema.safeParse(src.value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, src, file) };
  const semantic = validatePolicySemantics(parsed.data);
  if (semantic.length > 0) {
    return { ok: false, issues: semantic.map((s) => ({ ...s, ...src.locate(s.path), file })) };
  }
  if (!options.expand) return { ok: true, policy: parsed.data };
  const expanded = expandPolicy(parsed.data, options.expand);
  if (expanded.ok) return expanded;
  return { ok: false, issues: expanded.issues.map((i) => ({ ...i, ...src.locate(i.path), file })) };
}

/** Reads and parses a policy file. Throws PolicyError: POLICY_IO when unreadable, POLICY_INVALID with the issues as cause. */
export function loadPolicy(file: string, options: Omit<ParsePolicyOptions, 'file'> = {}): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new PolicyError('POLICY_IO', `cannot read policy ${file}: ${code}`, { cause: err });
  }
  const result = parsePolicy(text, { ...options, file });
  if (!result.ok) {
    const first = result.issues[0] as PolicyIssue;
    const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
    throw new PolicyError('POLICY_INVALID', `${formatIssue(first)}${more}`, { cause: result.issues });
  }
  return result.policy;
}
