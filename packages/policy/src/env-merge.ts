import type { CommandRule, EnvPolicy } from './schema';

/** env_policy after a command rule's overrides (agentsh MergeEnvPolicy: the rule wins when set). */
export interface ResolvedEnvPolicy {
  allow: string[];
  deny: string[];
  maxBytes: number;
  maxKeys: number;
  blockIteration: boolean;
}

const uniq = (list: readonly string[]) => [...new Set(list)];

export function mergeEnvPolicy(global: EnvPolicy | undefined, rule?: CommandRule): ResolvedEnvPolicy {
  const out: ResolvedEnvPolicy = {
    allow: [...(global?.allow ?? [])],
    deny: [...(global?.deny ?? [])],
    maxBytes: global?.max_bytes ?? 0,
    maxKeys: global?.max_keys ?? 0,
    blockIteration: global?.block_iteration ?? false,
  };
  if (rule?.env_allow && rule.env_allow.length > 0) out.allow = [...rule.env_allow];
  if (rule?.env_deny && rule.env_deny.length > 0) out.deny = [...rule.env_deny];
  if (rule?.env_max_bytes) out.maxBytes = rule.env_max_bytes;
  if (rule?.env_max_keys) out.maxKeys = rule.env_max_keys;
  if (rule?.env_block_iteration !== undefined) out.blockIteration = rule.env_block_iteration;
  return { ...out, allow: uniq(out.allow), deny: uniq(out.deny) };
}
