import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { createEngine } from './engine';
import { PolicyError } from './errors';
import { evaluate } from './evaluate';
import { formatIssue, type PolicyIssue } from './issues';
import { loadPolicy } from './parse-policy';
import { QuestionSchema } from './question';
import { parseYamlSource } from './yaml-source';

/** A sidecar test file: `<policy>.tests.yaml` next to the policy (policy files themselves are strict). */
export const PolicyTestFileSchema = z.strictObject({
  policy: z.string().optional(),
  variables: z
    .strictObject({
      vars: z.record(z.string(), z.string()).optional(),
      env: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  approvals_enforced: z.boolean().optional(),
  resolve: z.record(z.string(), z.array(z.string())).optional(),
  cases: z
    .array(
      z.strictObject({
        name: z.string(),
        question: QuestionSchema,
        expect: z.strictObject({
          decision: z.string().optional(),
          effective_decision: z.string().optional(),
          rule: z.string().optional(),
          message: z.string().optional(),
        }),
      }),
    )
    .min(1),
});

export interface PolicyTestFailure {
  name: string;
  /** `file:line:col` of the case. */
  where: string;
  /** `field: expected X, got Y` for each mismatch. */
  mismatches: string[];
}

export interface PolicyTestReport {
  policyFile: string;
  testFile: string;
  passed: number;
  failures: PolicyTestFailure[];
}

/** `x.yaml` -> `x.tests.yaml`; a `.tests.yaml` path is returned as is. */
export function sidecarPath(file: string): string {
  return file.endsWith('.tests.yaml') ? file : file.replace(/(\.ya?ml)?$/, '.tests.yaml');
}

function readTests(testFile: string) {
  let text: string;
  try {
    text = readFileSync(testFile, 'utf8');
  } catch (err) {
    throw new PolicyError(
      'POLICY_IO',
      `cannot read policy tests ${testFile}: ${(err as NodeJS.ErrnoException).code}`,
      { cause: err },
    );
  }
  const src = parseYamlSource(text, testFile);
  const first = (issues: PolicyIssue[]) =>
    new PolicyError('POLICY_INVALID', formatIssue(issues[0] as PolicyIssue), { cause: issues });
  if (src.errors.length > 0) throw first(src.errors);
  const parsed = PolicyTestFileSchema.safeParse(src.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      return { code: i.code, path, message: i.message, ...src.locate(path), file: testFile };
    });
    throw first(issues);
  }
  return { tests: parsed.data, src };
}

/** Validates a `.tests.yaml` file without running it: [] when valid, else its issues with positions. */
export function validatePolicyTestFile(testFile: string): PolicyIssue[] {
  try {
    readTests(testFile);
    return [];
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    if (Array.isArray(cause)) return cause as PolicyIssue[];
    return [{ code: 'io', path: [], message: (err as Error).message, line: 0, col: 0, file: testFile }];
  }
}

/**
 * Runs the cases of a policy's sidecar test file (or of the given `.tests.yaml`). Throws PolicyError
 * when a file is unreadable or invalid; failing cases are reported, not thrown.
 */
export function runPolicyTests(file: string): PolicyTestReport {
  const testFile = sidecarPath(file);
  if (!existsSync(testFile)) throw new PolicyError('POLICY_IO', `no test file ${testFile} for ${file}`);
  const { tests, src } = readTests(testFile);
  const policyFile = tests.policy
    ? resolve(dirname(testFile), tests.policy)
    : testFile.replace(/\.tests\.yaml$/, '.yaml');
  const resolveMap = tests.resolve ?? {};
  const engine = createEngine(loadPolicy(policyFile), {
    approvalsEnforced: tests.approvals_enforced ?? false,
    variables: tests.variables ?? {},
    resolve: (h) => resolveMap[h] ?? [],
  });
  const failures: PolicyTestFailure[] = [];
  tests.cases.forEach((c, i) => {
    const got = evaluate(engine, c.question);
    const actual: Record<string, string | undefined> = {
      decision: got.decision,
      effective_decision: got.effectiveDecision,
      rule: got.rule,
      message: got.message,
    };
    const mismatches = Object.entries(c.expect)
      .filter(([k, v]) => v !== undefined && actual[k] !== v)
      .map(([k, v]) => `${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(actual[k] ?? null)}`);
    if (mismatches.length > 0) {
      const pos = src.locate(['cases', i]);
      failures.push({ name: c.name, where: `${testFile}:${pos.line}:${pos.col}`, mismatches });
    }
  });
  return { policyFile, testFile, passed: tests.cases.length - failures.length, failures };
}
