import { precededBy } from './char-class';
import type { Rule } from './rule';
import { CONTEXT_MARGIN } from './rule';

/** A half-open range of the text in which one rule's regex runs. */
export interface ScanWindow {
  start: number;
  end: number;
}

/** Drops keyword hits in the middle of a token for rules that ask for token starts. */
export function tokenStartHits(text: string, rule: Rule, hits: ArrayLike<number>): ArrayLike<number> {
  const notAfter = rule.notAfter;
  if (!rule.keywordAtTokenStart || notAfter === undefined) return hits;
  const kept: number[] = [];
  for (let i = 0; i < hits.length; i++) {
    const at = hits[i] as number;
    if (!precededBy(text, at, notAfter)) kept.push(at);
  }
  return kept;
}

/**
 * Every position where the locator matches (restarting one past each hit, so overlapping
 * occurrences are all found), in order.
 */
export function locatorHits(text: string, locator: RegExp): number[] {
  const hits: number[] = [];
  locator.lastIndex = 0;
  for (let m = locator.exec(text); m !== null; m = locator.exec(text)) {
    hits.push(m.index);
    locator.lastIndex = m.index + 1;
  }
  locator.lastIndex = 0;
  return hits;
}

/**
 * Windows where `rule` can match: every match contains one of its keywords (or a locator hit), so
 * it lies within maxLength of a hit. Overlapping windows are merged. A rule with neither gets the
 * whole text; a rule whose keywords are absent gets nothing.
 */
export function ruleWindows(text: string, rule: Rule, hits: ArrayLike<number>): ScanWindow[] {
  if (rule.keywords.length === 0 && rule.locator === undefined) return [{ start: 0, end: text.length }];
  const pad = Math.max(rule.maxLength, CONTEXT_MARGIN);
  let longest = 0;
  for (const keyword of rule.keywords) longest = Math.max(longest, keyword.length);
  const windows: ScanWindow[] = [];
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i] as number;
    const start = Math.max(0, hit - pad);
    const end = Math.min(text.length, hit + longest + pad);
    const last = windows[windows.length - 1];
    if (last !== undefined && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}
