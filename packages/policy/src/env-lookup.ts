import { createEnvMatcher, type EnvMatcher } from './env-matcher';
import { mergeEnvPolicy, type ResolvedEnvPolicy } from './env-merge';
import type { Policy } from './schema';

export interface EnvLookup {
  resolved(commandRule?: string): ResolvedEnvPolicy;
  matcher(commandRule?: string): EnvMatcher;
}

/** Env matchers per command rule (only rules with env overrides get their own), built on first use. */
export function createEnvLookup(policy: Policy): EnvLookup {
  const overrides = new Map(
    policy.command_rules
      .filter(
        (r) =>
          r.name &&
          (r.env_allow?.length ||
            r.env_deny?.length ||
            r.env_max_bytes ||
            r.env_max_keys ||
            r.env_block_iteration !== undefined),
      )
      .map((r) => [r.name as string, r]),
  );
  const resolved = (rule?: string) =>
    mergeEnvPolicy(policy.env_policy, rule === undefined ? undefined : overrides.get(rule));
  const cache = new Map<string, EnvMatcher>();
  const global = createEnvMatcher(policy.env_policy);
  return {
    resolved,
    matcher(rule?: string): EnvMatcher {
      const r = rule === undefined ? undefined : overrides.get(rule);
      if (!r) return global;
      let m = cache.get(r.name as string);
      if (!m) {
        const merged = resolved(rule);
        m = createEnvMatcher({ allow: merged.allow, deny: merged.deny });
        cache.set(r.name as string, m);
      }
      return m;
    },
  };
}
