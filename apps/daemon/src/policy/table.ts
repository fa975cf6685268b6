import { compile, type Policy } from '@agentsh/policy';
import type { PolicyTable } from '@agentsh/tracer';
import type { SessionRoots } from '../sessions/manager';

export interface TableOptions {
  roots: SessionRoots;
  env: Readonly<Record<string, string | undefined>>;
  approvalsEnforced: boolean;
}

/** Compiles a session's policy into the table the C tracer evaluates (same decisions as the engine). */
export function compileSessionTable(policy: Policy, opts: TableOptions): PolicyTable {
  const vars: Record<string, string> = { PROJECT_ROOT: opts.roots.projectRoot };
  if (opts.roots.gitRoot) vars.GIT_ROOT = opts.roots.gitRoot;
  return compile(policy, { variables: { vars, env: opts.env }, approvalsEnforced: opts.approvalsEnforced });
}
