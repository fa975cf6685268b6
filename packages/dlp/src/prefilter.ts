import type { Rule } from './rule';
import { CONTEXT_MARGIN } from './rule';

/** A half-open range of the text in which one rule's regex runs. */
export interface ScanWindow {
  start: number;
  end: number;
}

/**
 * The text lowercased for keyword search, or undefined when lowercasing would move offsets (some
 * non-ASCII letters change length); callers then scan every rule over the whole text.
 */
export function keywordHaystack(text: string): string | undefined {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : undefined;
}

function isTokenChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}

function keywordHits(haystack: string, rule: Rule): number[] {
  const hits: number[] = [];
  for (const keyword of rule.keywords) {
    let at = haystack.indexOf(keyword);
    while (at >= 0) {
      if (!rule.keywordAtTokenStart || at === 0 || !isTokenChar(haystack.charCodeAt(at - 1))) hits.push(at);
      at = haystack.indexOf(keyword, at + 1);
    }
  }
  return rule.keywords.length > 1 ? hits.sort((a, b) => a - b) : hits;
}

/**
 * Windows where `rule` can match: every match contains one of its keywords, so it lies within
 * maxLength of a keyword hit. Overlapping windows are merged. A rule without keywords gets the
 * whole text; a rule whose keywords are absent gets nothing.
 */
export function ruleWindows(text: string, haystack: string | undefined, rule: Rule): ScanWindow[] {
  if (rule.keywords.length === 0 || haystack === undefined) return [{ start: 0, end: text.length }];
  const pad = Math.max(rule.maxLength, CONTEXT_MARGIN);
  let longest = 0;
  for (const keyword of rule.keywords) longest = Math.max(longest, keyword.length);
  const windows: ScanWindow[] = [];
  for (const hit of keywordHits(haystack, rule)) {
    const start = Math.max(0, hit - pad);
    const end = Math.min(text.length, hit + longest + pad);
    const last = windows[windows.length - 1];
    if (last !== undefined && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}
