import type { CommandRedirect, DecisionOptions, PolicyDecisionResult } from './decision';
import { GlobSyntaxError } from './glob-parse';
import { compileGlobSet, type GlobSet } from './glob-set';
import { defaultDeny, type PreparedRule, prepareRule, resultFor } from './prepared-rule';
import { re2ToRegExp } from './re2';
import type { CommandRule } from './schema';

/** commands[] split by kind, all lower-cased. */
export interface CommandSelectors {
  anyCommand: boolean;
  fullPaths: string[];
  pathGlobs: string[];
  names: string[];
  nameGlobs: string[];
}

const GLOB_CHARS = /[*?[]/;

function isValidGlob(pattern: string): boolean {
  try {
    compileGlobSet([pattern], '/');
    return true;
  } catch (err) {
    if (err instanceof GlobSyntaxError) return false;
    throw err;
  }
}

/** A commands[] entry that looks like a glob but does not parse (agentsh then matches it literally). */
export function isBrokenCommandGlob(entry: string): boolean {
  return GLOB_CHARS.test(entry) && !isValidGlob(entry.trim().toLowerCase());
}

/** agentsh's split: '/' -> full path (glob if it has *?[), else basename; invalid globs are literal. */
export function splitCommands(commands: readonly string[]): CommandSelectors {
  const out: CommandSelectors = {
    anyCommand: commands.length === 0,
    fullPaths: [],
    pathGlobs: [],
    names: [],
    nameGlobs: [],
  };
  for (const raw of commands) {
    const c = raw.trim().toLowerCase();
    const glob = GLOB_CHARS.test(c) && isValidGlob(c);
    if (c.includes('/')) (glob ? out.pathGlobs : out.fullPaths).push(c);
    else (glob ? out.nameGlobs : out.names).push(c);
  }
  return out;
}

/** context -> [minDepth, maxDepth]; maxDepth -1 = unlimited. */
export function depthRange(context: CommandRule['context']): [number, number] {
  if (context === undefined) return [0, -1];
  if (Array.isArray(context)) {
    const direct = context.includes('direct');
    const nested = context.includes('nested');
    if (direct && !nested) return [0, 0];
    if (nested && !direct) return [1, -1];
    return [0, -1];
  }
  return [context.min_depth ?? 0, context.max_depth ?? -1];
}

interface CompiledCommandRule {
  rule: PreparedRule;
  any: boolean;
  fullPaths: Set<string>;
  pathGlobs: GlobSet | undefined;
  names: Set<string>;
  nameGlobs: GlobSet | undefined;
  args: RegExp[];
  minDepth: number;
  maxDepth: number;
  redirect: CommandRedirect | undefined;
}

function compileRule(r: CommandRule, i: number, options: DecisionOptions): CompiledCommandRule {
  const sel = splitCommands(r.commands);
  const [minDepth, maxDepth] = depthRange(r.context);
  const redirect: CommandRedirect | undefined = r.redirect_to && {
    kind: 'command',
    command: r.redirect_to.command,
    args: r.redirect_to.args ?? [],
    argsAppend: r.redirect_to.args_append ?? [],
    environment: r.redirect_to.environment ?? {},
  };
  return {
    rule: prepareRule(r, `command-rule-${i}`, options),
    any: sel.anyCommand,
    fullPaths: new Set(sel.fullPaths),
    pathGlobs: sel.pathGlobs.length > 0 ? compileGlobSet(sel.pathGlobs, '/') : undefined,
    names: new Set(sel.names),
    nameGlobs: sel.nameGlobs.length > 0 ? compileGlobSet(sel.nameGlobs, '/') : undefined,
    args: r.args_patterns.map((p) => re2ToRegExp(p)),
    minDepth,
    maxDepth,
    redirect,
  };
}

function commandMatches(c: CompiledCommandRule, full: string, base: string): boolean {
  if (c.any || c.fullPaths.has(full) || c.names.has(base)) return true;
  return (c.pathGlobs?.test(full) ?? false) || (c.nameGlobs?.test(base) ?? false);
}

export interface CommandMatcher {
  /** `args` are joined with single spaces for args_patterns. */
  check(
    command: string,
    args: readonly string[],
    depth: number,
    defaultRule: 'precheck' | 'execve',
  ): PolicyDecisionResult;
}

const DENY_PRECHECK = defaultDeny('default-deny-commands');
const DENY_EXECVE = defaultDeny('default-deny-execve');

/** Compiles command_rules. First match wins; none -> default-deny-commands / default-deny-execve. */
export function createCommandMatcher(
  rules: readonly CommandRule[],
  options: DecisionOptions,
): CommandMatcher {
  const compiled = rules.map((r, i) => compileRule(r, i, options));
  const n = compiled.length;
  return {
    check(command, args, depth, mode) {
      const full = command.toLowerCase();
      const base = full.slice(full.lastIndexOf('/') + 1);
      let joined: string | undefined;
      for (let i = 0; i < n; i++) {
        const c = compiled[i] as CompiledCommandRule;
        if (depth < c.minDepth || (c.maxDepth >= 0 && depth > c.maxDepth)) continue;
        if (!commandMatches(c, full, base)) continue;
        if (c.args.length > 0) {
          joined ??= args.join(' ');
          const s = joined;
          if (!c.args.some((re) => re.test(s))) continue;
        }
        const res = c.rule.templated
          ? resultFor(c.rule, { Command: command, Args: joined ?? args.join(' ') })
          : c.rule.fixed;
        return c.redirect && c.rule.decision === 'redirect' ? { ...res, redirect: c.redirect } : res;
      }
      return (mode === 'execve' ? DENY_EXECVE : DENY_PRECHECK).fixed;
    },
  };
}
