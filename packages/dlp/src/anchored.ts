import { precededBy } from './char-class';
import { stickyRegex } from './match-at-hits';
import type { Rule } from './rule';

/** Where an anchored match can start: the beginning of the run of `left` characters before `at`. */
function runStart(slice: string, at: number, anchor: NonNullable<Rule['anchor']>): number {
  let start = at;
  while (start > 0 && at - start <= anchor.maxLeft && precededBy(slice, start, anchor.left)) start--;
  return at - start > anchor.maxLeft ? -1 : start;
}

/**
 * Calls `onMatch` for each match of an anchored rule in the slice, left to right, without
 * overlaps. Each anchor costs at most maxLeft steps back plus one sticky regex run.
 */
export function forEachAnchoredMatch(
  slice: string,
  rule: Rule,
  onMatch: (match: RegExpExecArray) => void,
): void {
  const anchor = rule.anchor;
  if (anchor === undefined) return;
  const sticky = stickyRegex(rule);
  let from = 0;
  for (
    let at = slice.indexOf(anchor.char);
    at >= 0;
    at = slice.indexOf(anchor.char, Math.max(at + 1, from))
  ) {
    const start = runStart(slice, at, anchor);
    if (start < from || start < 0 || start === at) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(slice);
    if (match === null) continue;
    onMatch(match);
    from = start + match[0].length;
  }
}
