import type { PolicyIssue } from './issues';
import type { Policy } from './schema';

/** Where `${VAR}` values come from. Nothing is read from process.env unless the caller passes it. */
export interface PolicyVariables {
  /** Session variables, looked up first: PROJECT_ROOT, GIT_ROOT (GIT_ROOT defaults to PROJECT_ROOT). */
  vars?: Readonly<Record<string, string | undefined>>;
  /** Process environment, looked up second (an empty value counts as unset), e.g. HOME. */
  env?: Readonly<Record<string, string | undefined>>;
}

const VAR_RE = /\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::-([^}]*))?\}/g;

function lookup(name: string, source: PolicyVariables): string | undefined {
  const vars = source.vars ?? {};
  const session = name === 'GIT_ROOT' ? (vars.GIT_ROOT ?? vars.PROJECT_ROOT) : vars[name];
  if (session !== undefined && session !== '') return session;
  const env = source.env?.[name];
  return env === undefined || env === '' ? undefined : env;
}

/** Expands `${VAR}` and `${VAR:-default}`. Returns the names that were undefined without a default. */
export function expandVariables(
  text: string,
  source: PolicyVariables,
): { value: string; undefinedNames: string[] } {
  const undefinedNames: string[] = [];
  if (!text.includes('${')) return { value: text, undefinedNames };
  const value = text.replace(VAR_RE, (_m, name: string, fallback: string | undefined) => {
    const v = lookup(name, source) ?? fallback;
    if (v === undefined) undefinedNames.push(name);
    return v ?? '';
  });
  return { value, undefinedNames };
}

export type ExpandPolicyResult = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };

function expandList(
  list: readonly string[],
  path: (string | number)[],
  source: PolicyVariables,
  issues: PolicyIssue[],
): string[] {
  return list.map((item, j) => {
    const { value, undefinedNames } = expandVariables(item, source);
    for (const name of undefinedNames) {
      issues.push({
        code: 'undefined_variable',
        path: [...path, j],
        message: `undefined variable ${name}`,
        line: 0,
        col: 0,
      });
    }
    return value;
  });
}

/**
 * Expands variables where agentsh does: file_rules[].paths and network_rules[].domains only.
 * Returns a new policy; the input is not modified.
 */
export function expandPolicy(policy: Policy, source: PolicyVariables): ExpandPolicyResult {
  const issues: PolicyIssue[] = [];
  const file_rules = policy.file_rules.map((r, i) => ({
    ...r,
    paths: expandList(r.paths, ['file_rules', i, 'paths'], source, issues),
  }));
  const network_rules = policy.network_rules.map((r, i) => ({
    ...r,
    domains: expandList(r.domains, ['network_rules', i, 'domains'], source, issues),
  }));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, policy: { ...policy, file_rules, network_rules } };
}

/** True when a file path or domain still holds a `${...}` reference. */
export function hasUnexpandedVariables(policy: Policy): boolean {
  const any = (list: readonly string[]) => list.some((s) => s.includes('${'));
  return policy.file_rules.some((r) => any(r.paths)) || policy.network_rules.some((r) => any(r.domains));
}
