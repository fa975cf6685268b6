import { isBrokenCommandGlob } from './command-matcher';
import { normalizeDecision } from './decision';
import type { PolicyIssue } from './issues';
import { commandCovers, fileCovers, networkCovers, unixCovers } from './lint-coverage';
import { FILE_OPS, UNIX_SOCKET_OPS } from './op-bits';
import { parsePolicy } from './parse-policy';
import { re2ToEre } from './re2';
import type { Policy } from './schema';
import type { PolicyVariables } from './variables';
import { parseYamlSource, type YamlSource } from './yaml-source';

export type Severity = 'error' | 'warning';
export interface LintIssue extends PolicyIssue {
  severity: Severity;
}

export interface LintOptions {
  file?: string;
  /** Whether the server enforces approvals (config approvals.enabled). Default false, as agentsh-modal. */
  approvalsEnforced?: boolean;
  /** Lint the policy as a session would see it (e.g. PROJECT_ROOT=/root finds more shadowed rules). */
  expand?: PolicyVariables;
}

export interface LintResult {
  /** False when there is at least one error (parse/validation errors included). */
  ok: boolean;
  policy?: Policy;
  issues: LintIssue[];
}

/** Operations only agentsh's FUSE backend reports; the tracer reports open/write/create/delete/... */
const FUSE_ONLY_OPS: readonly string[] = ['stat', 'list', 'readlink'];

type Push = (severity: Severity, code: string, path: (string | number)[], message: string) => void;
type Named = { name?: string | undefined; decision: string };
const LISTS = ['file_rules', 'network_rules', 'command_rules', 'unix_socket_rules'] as const;

function shadowing<R extends Named>(
  list: readonly R[],
  key: string,
  covers: (a: R, b: R) => boolean,
  push: Push,
): void {
  list.forEach((b, j) => {
    const i = list.findIndex((a, k) => k < j && covers(a, b));
    const a = list[i];
    if (!a) return;
    const msg = `rule "${b.name ?? j}" can never match: every input it matches is decided first by rule "${a.name ?? i}" (${key}[${i}], ${a.decision})`;
    push('warning', 'unreachable_rule', [key, j], msg);
  });
}

function checkDecisions(p: Policy, o: LintOptions, push: Push): void {
  for (const key of LISTS) {
    (p[key] as readonly Named[]).forEach((r, i) => {
      const d = normalizeDecision(r.decision);
      if (d === undefined)
        push(
          'error',
          'unknown_decision',
          [key, i, 'decision'],
          `unknown decision "${r.decision}" (agentsh denies with rule invalid-policy-decision)`,
        );
      if (d === 'approve' && o.approvalsEnforced !== true) {
        push(
          'warning',
          'approve_not_enforced',
          [key, i, 'decision'],
          `approve rule "${r.name ?? i}" is enforced as allow: approvals are off (shadow mode)`,
        );
      }
    });
  }
}

function checkOperations(p: Policy, push: Push): void {
  const check = (key: string, vocab: readonly string[]) => (r: { operations: string[] }, i: number) => {
    r.operations.forEach((op, j) => {
      const o = op.trim().toLowerCase();
      if (o !== '*' && !vocab.includes(o))
        push(
          'warning',
          'unknown_operation',
          [key, i, 'operations', j],
          `unknown operation "${op}" (known: ${vocab.join(', ')})`,
        );
    });
  };
  p.file_rules.forEach(check('file_rules', FILE_OPS));
  p.file_rules.forEach((r, i) => {
    const ops = r.operations.map((o) => o.trim().toLowerCase());
    if (ops.length > 0 && ops.every((o) => FUSE_ONLY_OPS.includes(o))) {
      push(
        'warning',
        'fuse_only_operations',
        ['file_rules', i, 'operations'],
        `rule "${r.name ?? i}" lists only ${ops.join(', ')}: the ptrace tracer never reports these (only FUSE does), so it never fires there`,
      );
    }
  });
  p.unix_socket_rules.forEach(check('unix_socket_rules', UNIX_SOCKET_OPS));
}

function checkPatterns(p: Policy, push: Push): void {
  p.command_rules.forEach((r, i) => {
    r.commands.forEach((c, j) => {
      if (isBrokenCommandGlob(c)) {
        push(
          'warning',
          'invalid_glob',
          [`command_rules`, i, 'commands', j],
          `"${c}" is not a valid glob and is matched literally`,
        );
      }
    });
    r.args_patterns.forEach((a, j) => {
      try {
        re2ToEre(a);
      } catch (err) {
        push(
          'warning',
          'no_ere_form',
          ['command_rules', i, 'args_patterns', j],
          `the tracer cannot evaluate this regex: ${(err as Error).message}`,
        );
      }
    });
  });
  p.network_rules.forEach((r, i) => {
    if (r.domains.length > 0 && r.cidrs.length > 0) {
      push(
        'warning',
        'domains_and_cidrs',
        ['network_rules', i],
        `rule "${r.name ?? i}" needs a domain AND an address match: a connect to a bare IP never matches it, a name only when it resolves into the CIDRs; split it into two rules to block either`,
      );
    }
    r.domains.forEach((d, j) => {
      if (d === '*')
        push(
          'warning',
          'single_label_wildcard',
          ['network_rules', i, 'domains', j],
          `"*" matches single-label names only ('.' separates labels); use "**" for every name`,
        );
      else if (/[:/]/.test(d))
        push(
          'warning',
          'domain_not_a_name',
          ['network_rules', i, 'domains', j],
          `"${d}" looks like a URL or host:port; domains match host names only`,
        );
    });
  });
}

function checkSignals(p: Policy, push: Push): void {
  p.signal_rules.forEach((r, i) => {
    if (!r.target)
      push(
        'warning',
        'signal_without_target',
        ['signal_rules', i],
        `signal rule "${r.name ?? i}" has no target: it matches no process`,
      );
  });
}

function checkNames(p: Policy, push: Push): void {
  for (const key of LISTS) {
    const seen = new Map<string, number>();
    (p[key] as readonly Named[]).forEach((r, i) => {
      if (!r.name)
        push('warning', 'missing_name', [key, i], 'rule has no name; decisions will report a generated one');
      else if (seen.has(r.name))
        push(
          'warning',
          'duplicate_name',
          [key, i, 'name'],
          `rule name "${r.name}" is also used by ${key}[${seen.get(r.name)}]`,
        );
      else seen.set(r.name, i);
    });
  }
}

function lintParsed(p: Policy, o: LintOptions, src: YamlSource): LintIssue[] {
  const out: LintIssue[] = [];
  const push: Push = (severity, code, path, message) =>
    out.push({ severity, code, path, message, ...src.locate(path), file: o.file });
  checkDecisions(p, o, push);
  checkOperations(p, push);
  checkPatterns(p, push);
  checkNames(p, push);
  checkSignals(p, push);
  shadowing(p.file_rules, 'file_rules', fileCovers, push);
  shadowing(p.command_rules, 'command_rules', commandCovers, push);
  shadowing(p.network_rules, 'network_rules', networkCovers, push);
  shadowing(p.unix_socket_rules, 'unix_socket_rules', unixCovers, push);
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Validates and lints a policy text: parse errors are errors; lint findings carry file:line:col. */
export function lintPolicy(text: string, options: LintOptions = {}): LintResult {
  const parsed = parsePolicy(text, {
    ...(options.file === undefined ? {} : { file: options.file }),
    ...(options.expand === undefined ? {} : { expand: options.expand }),
  });
  if (!parsed.ok)
    return { ok: false, issues: parsed.issues.map((i) => ({ ...i, severity: 'error' as const })) };
  const issues = lintParsed(parsed.policy, options, parseYamlSource(text, options.file));
  return { ok: !issues.some((i) => i.severity === 'error'), policy: parsed.policy, issues };
}
