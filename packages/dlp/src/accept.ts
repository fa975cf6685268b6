import { shannonEntropy } from './entropy';
import { isBareId, isCommonFalsePositive } from './false-positives';
import type { Rule } from './rule';
import { runValidator } from './validators';

/**
 * Whether a regex candidate survives the rule's filters, entropy floor and validator. All checks
 * are pure and must all pass, so they run cheapest-rejecting first (the validators turn down most
 * generic `name = value` candidates before the placeholder scan or entropy is needed).
 */
export function acceptSecret(rule: Rule, secret: string): boolean {
  if (rule.allow !== undefined) {
    for (const pattern of rule.allow) if (pattern.test(secret)) return false;
  }
  if (rule.validator !== undefined && !runValidator(rule.validator, secret)) return false;
  if (rule.commonFilters && isCommonFalsePositive(secret)) return false;
  if (rule.rejectBareIds && isBareId(secret)) return false;
  if (rule.stopwords !== undefined) {
    const lower = secret.toLowerCase();
    for (const word of rule.stopwords) if (lower.includes(word)) return false;
  }
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
  return true;
}
