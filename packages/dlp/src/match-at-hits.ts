import { acceptSecret } from './accept';
import { precededBy } from './char-class';
import { blockEndOffset, createBlockSearch } from './pem-block';
import type { Candidate, Rule } from './rule';

const stickyCopies = new WeakMap<Rule, RegExp>();

/** The rule's regex without `g` and with `y`, compiled once per rule. */
export function stickyRegex(rule: Rule): RegExp {
  let sticky = stickyCopies.get(rule);
  if (sticky === undefined) {
    sticky = new RegExp(rule.regex.source, `${rule.regex.flags.replace('g', '')}y`);
    stickyCopies.set(rule, sticky);
  }
  return sticky;
}

interface HitOptions {
  text: string;
  rule: Rule;
  ruleIndex: number;
  hits: ArrayLike<number>;
  out: Candidate[];
}

/**
 * For rules whose matches start with a keyword: runs the regex once, sticky, at each keyword hit
 * (left to right, skipping hits inside the previous match), so the regex never scans text.
 */
export function matchAtHits(options: HitOptions): void {
  const { text, rule, ruleIndex, hits, out } = options;
  const sticky = stickyRegex(rule);
  const search = createBlockSearch();
  let after = 0;
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i] as number;
    if (hit < after) continue;
    if (rule.notAfter !== undefined && precededBy(text, hit, rule.notAfter)) continue;
    sticky.lastIndex = hit;
    const m = sticky.exec(text);
    if (m === null) continue;
    let end = hit + m[0].length;
    if (rule.blockEnd !== undefined) {
      const headerEnd = end;
      end = blockEndOffset({
        text,
        start: hit,
        headerEnd,
        marker: rule.blockEnd,
        maxLength: rule.maxLength,
        search,
      });
      out.push({ ruleIndex, start: hit, end });
      after = end;
      continue;
    }
    const secret = m.groups?.secret ?? m[0];
    if (!acceptSecret(rule, secret)) continue;
    out.push({ ruleIndex, start: end - secret.length, end });
    after = end;
  }
}
