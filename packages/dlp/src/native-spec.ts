import type { NativeScanSpec } from '@agentsh/dlp-native';
import { followProblem } from './follow';
import { buildEntries } from './keyword-index';
import type { Rule } from './rule';
import { PII_DIGIT_GROUPS } from './rules/pii';

/** Class tables (128 bytes per one-character class regex), shared between guards and follow steps. */
class ClassTables {
  private readonly index = new Map<RegExp, number>();
  private readonly tables: number[] = [];

  indexOf(chars: RegExp): number {
    let found = this.index.get(chars);
    if (found === undefined) {
      found = this.index.size;
      this.index.set(chars, found);
      for (let c = 0; c < 128; c++) this.tables.push(chars.test(String.fromCharCode(c)) ? 1 : 0);
    }
    return found;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.tables);
  }
}

/** Whether the C scan compares this keyword as the TypeScript index does (ASCII, no NUL). */
function nativeKeyword(keyword: string, ignoreCase: boolean): boolean {
  for (let i = 0; i < keyword.length; i++) {
    const code = keyword.charCodeAt(i);
    if (code === 0 || code >= 128) return false;
  }
  return !(ignoreCase && /[A-Z]/.test(keyword));
}

/** Whether the rule's locator is the PII digit-group locator, which the C scan implements. */
export function isDigitLocator(rule: Rule): boolean {
  const locator = rule.locator;
  return (
    rule.keywords.length === 0 &&
    locator !== undefined &&
    locator.source === PII_DIGIT_GROUPS.source &&
    locator.flags === 'g'
  );
}

/**
 * The spec the C scanner is compiled from, or undefined when some keyword is not plain ASCII (then
 * the TypeScript scan runs; an ignore-case keyword with capitals never matches either way and is
 * left out). Follow chains the C scan cannot take are left out (the hits are then all kept).
 */
export function nativeSpec(rules: readonly Rule[]): NativeScanSpec | undefined {
  const entries = buildEntries(rules).filter((e) => !(e.ignoreCase && /[A-Z]/.test(e.keyword)));
  if (entries.some((e) => !nativeKeyword(e.keyword, e.ignoreCase))) return undefined;
  const classes = new ClassTables();
  const targets: number[] = [];
  entries.forEach((entry, k) => {
    for (const target of entry.rules) {
      targets.push(k, target.rule, target.guard === undefined ? -1 : classes.indexOf(target.guard));
    }
  });
  const follow: number[] = [];
  rules.forEach((rule, index) => {
    if (rule.follow === undefined || followProblem(rule) !== undefined) return;
    follow.push(index, rule.follow.length);
    for (const step of rule.follow) follow.push(classes.indexOf(step.chars), step.min, step.max);
  });
  const ends: number[] = [];
  let end = 0;
  for (const entry of entries) {
    end += entry.keyword.length;
    ends.push(end);
  }
  return {
    ruleCount: rules.length,
    digits: rules.some(isDigitLocator) ? 1 : 0,
    keywordBytes: Uint8Array.from(Buffer.from(entries.map((e) => e.keyword).join(''), 'latin1')),
    keywordEnds: Int32Array.from(ends),
    keywordFold: Uint8Array.from(entries.map((e) => (e.ignoreCase ? 1 : 0))),
    targets: Int32Array.from(targets),
    classes: classes.bytes(),
    follow: Int32Array.from(follow),
  };
}
