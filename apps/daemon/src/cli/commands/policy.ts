import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import {
  createEngine,
  detectProjectRoot,
  type Engine,
  evaluate,
  formatPath,
  type LintIssue,
  lintPolicy,
  loadPolicy,
  type PolicyDecisionResult,
  type PolicyIssue,
  parseQuestion,
  runPolicyTests,
  validatePolicyTestFile,
} from '@agentsh/policy';
import type { Command } from 'commander';

/** Streams and environment of `agentsh policy`; tests pass their own. */
export interface PolicyCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: () => Readable;
  env: Readonly<Record<string, string | undefined>>;
  cwd: () => string;
  exit: (code: number) => void;
}

const processIo: PolicyCliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stdin: () => process.stdin,
  env: process.env,
  cwd: () => process.cwd(),
  exit: (code) => {
    process.exitCode = code;
  },
};

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function pairs(list: readonly string[], flag: string): [string, string][] {
  return list.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`${flag} ${item}: expected NAME=VALUE`);
    return [item.slice(0, eq), item.slice(eq + 1)];
  });
}

function issueLine(i: PolicyIssue | LintIssue, file: string): string {
  const severity = 'severity' in i ? i.severity : 'error';
  return `${i.file ?? file}:${i.line}:${i.col}: ${severity}: ${formatPath(i.path)}: ${i.message}\n`;
}

interface CheckOptions {
  approvals?: boolean;
  var?: string[];
}

/** `policy check`: validate + lint every file; test files (`*.tests.yaml`) are validated as such. */
export function runCheck(files: readonly string[], opts: CheckOptions, io: PolicyCliIo): number {
  let vars: Record<string, string> | undefined;
  try {
    vars = opts.var && opts.var.length > 0 ? Object.fromEntries(pairs(opts.var, '--var')) : undefined;
  } catch (err) {
    io.err(`policy check: ${message(err)}\n`);
    return 1;
  }
  const expand = vars ? { expand: { vars, env: io.env } } : {};
  let errors = 0;
  for (const file of files) {
    let issues: (PolicyIssue | LintIssue)[];
    try {
      issues = file.endsWith('.tests.yaml')
        ? validatePolicyTestFile(file)
        : lintPolicy(readFileSync(file, 'utf8'), {
            file,
            approvalsEnforced: opts.approvals === true,
            ...expand,
          }).issues;
    } catch (err) {
      issues = [
        {
          code: 'io',
          path: [],
          message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? message(err)}`,
          line: 0,
          col: 0,
          file,
        },
      ];
    }
    const fileErrors = issues.filter((i) => !('severity' in i) || i.severity === 'error').length;
    errors += fileErrors;
    for (const i of issues) io.out(issueLine(i, file));
    io.out(
      `${file}: ${fileErrors === 0 ? 'ok' : 'invalid'} (${fileErrors} errors, ${issues.length - fileErrors} warnings)\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

function snake(value: unknown): unknown {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      k === 'environment' ? v : snake(v),
    ]),
  );
}

/** One answer line of the `policy eval` protocol. */
export function answerLine(r: PolicyDecisionResult): string {
  const out: Record<string, unknown> = {
    decision: r.decision,
    effective_decision: r.effectiveDecision,
    rule: r.rule,
  };
  if (r.message !== undefined) out.message = r.message;
  if (r.redirect !== undefined) out.redirect = snake(r.redirect);
  return `${JSON.stringify(out)}\n`;
}

/** Answers one input line; a bad line gets `{"error": "line N: ..."}`. */
export function answerInput(engine: Engine, text: string, lineNo: number): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `${JSON.stringify({ error: `line ${lineNo}: invalid JSON: ${message(err)}` })}\n`;
  }
  const q = parseQuestion(value);
  if (!q.ok) return `${JSON.stringify({ error: `line ${lineNo}: ${q.error}` })}\n`;
  return answerLine(evaluate(engine, q.question));
}

interface EvalOptions {
  var: string[];
  resolve: string[];
  approvals?: boolean;
}

function buildEngine(file: string, opts: EvalOptions, io: PolicyCliIo): Engine {
  const vars = Object.fromEntries(pairs(opts.var, '--var'));
  vars.PROJECT_ROOT ??= detectProjectRoot(io.cwd()).projectRoot;
  const answers = new Map<string, string[]>();
  for (const [name, ip] of pairs(opts.resolve, '--resolve'))
    answers.set(name.toLowerCase(), [...(answers.get(name.toLowerCase()) ?? []), ip]);
  return createEngine(loadPolicy(file), {
    approvalsEnforced: opts.approvals === true,
    variables: { vars, env: io.env },
    resolve: (host) => answers.get(host) ?? [],
  });
}

/** `policy eval`: JSON lines in, JSON lines out; never stops on a bad line. */
export async function runEval(file: string, opts: EvalOptions, io: PolicyCliIo): Promise<number> {
  let engine: Engine;
  try {
    engine = buildEngine(file, opts, io);
  } catch (err) {
    io.err(`policy eval: ${message(err)}\n`);
    return 1;
  }
  let lineNo = 0;
  for await (const line of createInterface({ input: io.stdin(), crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo++;
    if (line.trim() !== '') io.out(answerInput(engine, line, lineNo));
  }
  return 0;
}

/** `policy test`: runs the policy's sidecar cases. */
export function runTest(file: string, io: PolicyCliIo): number {
  try {
    const report = runPolicyTests(file);
    for (const f of report.failures)
      io.out(`FAIL ${f.name} (${f.where})\n${f.mismatches.map((m) => `  ${m}\n`).join('')}`);
    io.out(`${report.testFile}: ${report.passed} passed, ${report.failures.length} failed\n`);
    return report.failures.length > 0 ? 1 : 0;
  } catch (err) {
    io.err(`policy test: ${message(err)}\n`);
    return 1;
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerPolicyCommand(program: Command, io: PolicyCliIo = processIo): void {
  const policy = program.command('policy').description('check, evaluate and test policy files');
  policy
    .command('check')
    .description('validate and lint policy files (exit 1 on errors; warnings are printed)')
    .argument('<files...>', 'policy YAML files (*.tests.yaml files are checked as test files)')
    .option('--approvals', 'lint as if approvals are enforced (approvals.enabled: true)')
    .option(
      '--var <name=value>',
      'lint with variables expanded (e.g. PROJECT_ROOT=/root), repeatable',
      collect,
      [],
    )
    .action((files: string[], opts: CheckOptions) => io.exit(runCheck(files, opts, io)));
  policy
    .command('eval')
    .description('answer JSON-line questions from stdin with one JSON line each')
    .argument('<file>', 'policy YAML file')
    .option(
      '--var <name=value>',
      'variable for path and domain expansion, repeatable (PROJECT_ROOT defaults to the detected project root)',
      collect,
      [],
    )
    .option(
      '--resolve <name=ip>',
      'address a name resolves to for CIDR rules, repeatable (nothing else resolves)',
      collect,
      [],
    )
    .option('--approvals', 'enforce approvals (approve stays approve instead of allow)')
    .action(async (file: string, opts: EvalOptions) => io.exit(await runEval(file, opts, io)));
  policy
    .command('test')
    .description("run the cases in the policy's sidecar <policy>.tests.yaml")
    .argument('<file>', 'policy YAML file or its .tests.yaml')
    .action((file: string) => io.exit(runTest(file, io)));
}
