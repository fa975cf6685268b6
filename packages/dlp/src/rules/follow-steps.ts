import type { FollowStep } from '../rule';

/** A follow step: `min` to `max` (default `min`) characters of the one-character class. */
export function step(chars: RegExp, min: number, max = min): FollowStep {
  return { chars, min, max };
}

/**
 * `\\?["'`]?[ \t]{0,4}(?:=|:=|=>|:)[ \t]{0,4}\\?["'`]?`, relaxed into steps: the assignment
 * between a name and its value in the context rules (`=`, `:=`, `=>`, `:` become `[=:][=>]?`).
 */
export const ASSIGN_FOLLOW: readonly FollowStep[] = [
  step(/\\/, 0, 1),
  step(/["'`]/, 0, 1),
  step(/[ \t]/, 0, 4),
  step(/[=:]/, 1),
  step(/[=>]/, 0, 1),
  step(/[ \t]/, 0, 4),
  step(/\\/, 0, 1),
  step(/["'`]/, 0, 1),
];
