import { acceptSecret } from './accept';
import { forEachAnchoredMatch } from './anchored';
import { precededBy } from './char-class';
import { blockEndOffset, createBlockSearch } from './pem-block';
import type { ScanWindow } from './prefilter';
import type { Candidate, Rule } from './rule';
import { CONTEXT_MARGIN } from './rule';

interface MatchOptions {
  text: string;
  rule: Rule;
  ruleIndex: number;
  window: ScanWindow;
  out: Candidate[];
}

/**
 * Runs one rule's regex over one window (plus a context margin on each side for lookarounds) and
 * appends the accepted candidates, in text offsets. Matches starting outside the window belong to
 * another window (or to none) and are skipped.
 */
export function matchRule(options: MatchOptions): void {
  const { text, rule, ruleIndex, window, out } = options;
  const from = Math.max(0, window.start - CONTEXT_MARGIN);
  const to = Math.min(text.length, window.end + CONTEXT_MARGIN);
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  if (rule.anchor !== undefined) {
    forEachAnchoredMatch(slice, rule, (m) => acceptMatch({ ...options, from, m }));
    return;
  }
  const regex = rule.regex;
  const search = createBlockSearch();
  regex.lastIndex = 0;
  for (let m = regex.exec(slice); m !== null; m = regex.exec(slice)) {
    const matchStart = m.index;
    let matchEnd = matchStart + m[0].length;
    if (matchEnd === matchStart) regex.lastIndex++;
    const absoluteStart = from + matchStart;
    if (absoluteStart < window.start) continue;
    if (absoluteStart >= window.end) break;
    if (rule.notAfter !== undefined && precededBy(text, absoluteStart, rule.notAfter)) continue;
    if (rule.blockEnd !== undefined) {
      matchEnd = blockEndOffset({
        text: slice,
        start: matchStart,
        headerEnd: matchEnd,
        marker: rule.blockEnd,
        maxLength: rule.maxLength,
        search,
      });
      regex.lastIndex = Math.max(regex.lastIndex, matchEnd);
      out.push({ ruleIndex, start: absoluteStart, end: from + matchEnd });
      continue;
    }
    const secret = m.groups?.secret ?? m[0];
    if (!acceptSecret(rule, secret)) continue;
    out.push({ ruleIndex, start: from + matchEnd - secret.length, end: from + matchEnd });
  }
  regex.lastIndex = 0;
}

/** Filters one anchored match and records it (anchored rules have no blocks). */
function acceptMatch(options: MatchOptions & { from: number; m: RegExpExecArray }): void {
  const { text, rule, ruleIndex, window, out, from, m } = options;
  const start = from + m.index;
  if (start < window.start || start >= window.end) return;
  if (rule.notAfter !== undefined && precededBy(text, start, rule.notAfter)) return;
  const secret = m.groups?.secret ?? m[0];
  if (!acceptSecret(rule, secret)) return;
  const end = start + m[0].length;
  out.push({ ruleIndex, start: end - secret.length, end });
}
