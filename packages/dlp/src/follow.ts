import type { FollowStep, Rule } from './rule';

/** Longest stretch a follow chain may cover (the sum of its steps' max); the C scan has this bound. */
export const FOLLOW_MAX = 1024;

function inClass(chars: RegExp, code: number, text: string, at: number): boolean {
  return code >= 128 || chars.test(text.charAt(at));
}

/**
 * Whether the steps can be matched one after another from `at` (the reference semantics of the C
 * check; non-ASCII characters count as members of every class, as there). Reachable offsets are
 * tracked as a set, so every split of the text between the steps is tried.
 */
export function followMatches(text: string, at: number, steps: readonly FollowStep[]): boolean {
  let reach = new Set<number>([0]);
  for (const step of steps) {
    const next = new Set<number>();
    for (const offset of reach) {
      let length = 0;
      while (true) {
        if (length >= step.min) next.add(offset + length);
        const index = at + offset + length;
        if (length === step.max || index >= text.length) break;
        if (!inClass(step.chars, text.charCodeAt(index), text, index)) break;
        length++;
      }
    }
    if (next.size === 0) return false;
    reach = next;
  }
  return true;
}

/** Why a rule's follow chain cannot be used, or undefined when it can. */
export function followProblem(rule: Rule): string | undefined {
  const steps = rule.follow;
  if (steps === undefined) return undefined;
  if (!rule.keywordStartsMatch) return 'follow needs keywordStartsMatch';
  let total = 0;
  for (const step of steps) {
    if (!Number.isInteger(step.min) || !Number.isInteger(step.max) || step.min < 0 || step.max < step.min)
      return 'follow step bounds must be integers with 0 <= min <= max';
    total += step.max;
  }
  if (steps.length === 0 || total > FOLLOW_MAX)
    return `follow must have 1 step or more and cover <= ${FOLLOW_MAX}`;
  return undefined;
}
