import type { PolicyDecisionResult } from './decision';
import { compileGlob, type GlobMatcher } from './glob';
import type { EnvPolicy } from './schema';

/** agentsh's built-in secret deny list, applied when env_policy has no allow list. */
export const DEFAULT_SECRET_DENY: readonly string[] = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'GCP_SERVICE_ACCOUNT',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_ID',
  'AZURE_TENANT_ID',
  'AZURE_SUBSCRIPTION_ID',
  'SSH_AUTH_SOCK',
  'SSH_AGENT_PID',
  'DOCKER_HOST',
  'DOCKER_TLS_VERIFY',
  'KUBECONFIG',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'LD_DEBUG',
  'LD_DEBUG_OUTPUT',
  'LD_DYNAMIC_WEAK',
  'LD_HWCAP_MASK',
  'LD_ORIGIN_PATH',
  'LD_PROFILE',
  'LD_PROFILE_OUTPUT',
  'LD_SHOW_AUXV',
  'LD_TRACE_LOADED_OBJECTS',
  'DYLD_INSERT_LIBRARIES',
  'DYLD_LIBRARY_PATH',
  'DYLD_FRAMEWORK_PATH',
  'DYLD_FALLBACK_LIBRARY_PATH',
  'DYLD_FALLBACK_FRAMEWORK_PATH',
  'DYLD_IMAGE_SUFFIX',
  'DYLD_PRINT_LIBRARIES',
  'PYTHONPATH',
  'PYTHONSTARTUP',
  'PYTHONHOME',
  'PYTHONUSERBASE',
  'RUBYLIB',
  'RUBYOPT',
  'PERL5LIB',
  'PERL5OPT',
  'PERLLIB',
  'NODE_PATH',
  'NODE_OPTIONS',
  'BASH_ENV',
  'ENV',
  'SHELLOPTS',
  'BASHOPTS',
  'CDPATH',
  'GLOBIGNORE',
  'MAILPATH',
  'PROMPT_COMMAND',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_SSH_COMMAND',
];

export interface EnvMatcher {
  check(name: string): PolicyDecisionResult;
}

function result(allowed: boolean, rule: string, pattern?: string): PolicyDecisionResult {
  const d = allowed ? 'allow' : 'deny';
  const out: PolicyDecisionResult = { decision: d, effectiveDecision: d, rule };
  if (pattern !== undefined) out.message = `matched env pattern ${pattern}`;
  return out;
}

const DEFAULT_ALLOW = Object.freeze(result(true, 'default-allow'));
const DEFAULT_DENY = Object.freeze(result(false, 'default-deny'));

/**
 * agentsh's CheckEnv: deny patterns first; without an allow list everything else is allowed except
 * the built-in secret list; with one, only allowed names pass. Rule names are agentsh's MatchedBy
 * values: deny, default-secret-deny, default-allow, allow, default-deny.
 */
export function createEnvMatcher(policy: EnvPolicy | undefined): EnvMatcher {
  const compile = (list: readonly string[] | undefined): GlobMatcher[] =>
    (list ?? []).map((p) => compileGlob(p, ''));
  const deny = compile(policy?.deny);
  const allow = compile(policy?.allow);
  const secrets = new Set(DEFAULT_SECRET_DENY);
  return {
    check(name) {
      for (const g of deny) if (g.test(name)) return result(false, 'deny', g.pattern);
      if (allow.length === 0)
        return secrets.has(name) ? result(false, 'default-secret-deny', name) : DEFAULT_ALLOW;
      for (const g of allow) if (g.test(name)) return result(true, 'allow', g.pattern);
      return DEFAULT_DENY;
    },
  };
}
