import type { Rule, RuleGroup } from '../rule';
import { CREDENTIAL_RULES } from './credentials';
import { MODAL_RULES } from './modal';
import { PII_RULES } from './pii';
import { CLOUD_RULES } from './providers-cloud';
import { CODE_HOST_RULES } from './providers-code';
import { SAAS_RULES } from './providers-saas';

/**
 * Every built-in rule, most specific first: when findings of two rules cover the same span, the
 * earlier rule names it.
 */
export const BUILTIN_RULES: readonly Rule[] = [
  ...CODE_HOST_RULES,
  ...CLOUD_RULES,
  ...SAAS_RULES,
  ...CREDENTIAL_RULES,
  ...MODAL_RULES,
  ...PII_RULES,
];

/** Which built-in groups are on; agentsh's dlp.patterns (api_keys covers every secret rule). */
export type PatternToggles = Partial<Record<Exclude<RuleGroup, 'custom'>, boolean>>;

/** The built-in rules whose group is not switched off (missing toggles count as on). */
export function builtinRules(toggles: PatternToggles = {}): Rule[] {
  return BUILTIN_RULES.filter((rule) => rule.group === 'custom' || toggles[rule.group] !== false);
}
