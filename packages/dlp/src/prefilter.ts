import type { Rule } from './rule';
import { CONTEXT_MARGIN } from './rule';

/** A half-open range of the text in which one rule's regex runs. */
export interface ScanWindow {
  start: number;
  end: number;
}

const caseInsensitiveFinders = new WeakMap<Rule, RegExp>();

function escapeLiteral(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function finderFor(rule: Rule): RegExp {
  let finder = caseInsensitiveFinders.get(rule);
  if (finder === undefined) {
    finder = new RegExp(rule.keywords.map(escapeLiteral).join('|'), 'gi');
    caseInsensitiveFinders.set(rule, finder);
  }
  return finder;
}

function atTokenStart(text: string, rule: Rule, at: number): boolean {
  if (!rule.keywordAtTokenStart || rule.notAfter === undefined || at === 0) return true;
  return !rule.notAfter.test(text.charAt(at - 1));
}

function keywordHits(text: string, rule: Rule): number[] {
  const hits: number[] = [];
  if (rule.regex.ignoreCase) {
    const finder = finderFor(rule);
    finder.lastIndex = 0;
    for (let m = finder.exec(text); m !== null; m = finder.exec(text)) {
      if (atTokenStart(text, rule, m.index)) hits.push(m.index);
      finder.lastIndex = m.index + 1;
    }
    return hits;
  }
  for (const keyword of rule.keywords) {
    for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
      if (atTokenStart(text, rule, at)) hits.push(at);
    }
  }
  return rule.keywords.length > 1 ? hits.sort((a, b) => a - b) : hits;
}

/**
 * Windows where `rule` can match: every match contains one of its keywords, so it lies within
 * maxLength of a keyword hit. Overlapping windows are merged. A rule without keywords gets the
 * whole text; a rule whose keywords are absent gets nothing.
 */
export function ruleWindows(text: string, rule: Rule): ScanWindow[] {
  if (rule.keywords.length === 0) return [{ start: 0, end: text.length }];
  const pad = Math.max(rule.maxLength, CONTEXT_MARGIN);
  let longest = 0;
  for (const keyword of rule.keywords) longest = Math.max(longest, keyword.length);
  const windows: ScanWindow[] = [];
  for (const hit of keywordHits(text, rule)) {
    const start = Math.max(0, hit - pad);
    const end = Math.min(text.length, hit + longest + pad);
    const last = windows[windows.length - 1];
    if (last !== undefined && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}
