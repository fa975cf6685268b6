import { fingerprint } from './fingerprint';
import type { HitSource } from './hit-source';
import { createJsHitSource } from './hit-source';
import { matchAtHits } from './match-at-hits';
import { matchRule } from './match-rule';
import { createNativeHitSource } from './native-scan';
import { locatorHits, ruleWindows, tokenStartHits } from './prefilter';
import { resolveOverlaps } from './resolve';
import type { Candidate, Finding, Rule } from './rule';
import { CONTEXT_MARGIN, maxRuleLength } from './rule';
import { builtinRules } from './rules/index';

/** A compiled rule set. */
export interface Scanner {
  readonly rules: readonly Rule[];
  /** Longest possible match plus lookaround context: what a streaming redactor must hold back. */
  readonly holdBack: number;
  /** Which first pass finds the candidates: the optional C addon or TypeScript (same results). */
  readonly engine: 'native' | 'js';
  /**
   * Disjoint spans to redact, sorted by start; ruleIndex names the rule. Detections starting
   * before `from` are dropped before overlaps merge (the text before `from` is context only).
   */
  spans(text: string, from?: number): Candidate[];
  /** Findings with rule id, position and fingerprint (never the value). */
  scan(text: string): Finding[];
}

export interface ScannerOptions {
  /**
   * Use the @agentsh/dlp-native candidate scan when it loads (default true); `ssse3` or `portable`
   * cap its SIMD prefilter (tests compare every path).
   */
  native?: boolean | 'ssse3' | 'portable';
}

const NATIVE_SIMD: Record<string, 'none' | 'ssse3' | 'auto'> = { portable: 'none', ssse3: 'ssse3' };

function collectSpans(rules: readonly Rule[], source: HitSource, text: string, from = 0): Candidate[] {
  const candidates: Candidate[] = [];
  const { byRule, located } = source.hits(text);
  const ownLocated = new Map<RegExp, ArrayLike<number>>();
  rules.forEach((rule, ruleIndex) => {
    const locator = rule.keywords.length === 0 ? rule.locator : undefined;
    let keywordHits = byRule[ruleIndex];
    if (locator !== undefined) {
      keywordHits = located.get(locator) ?? ownLocated.get(locator);
      if (keywordHits === undefined) {
        keywordHits = locatorHits(text, locator);
        ownLocated.set(locator, keywordHits);
      }
    }
    const hits = tokenStartHits(text, rule, keywordHits ?? []);
    if (rule.keywordStartsMatch && rule.keywords.length > 0) {
      matchAtHits({ text, rule, ruleIndex, hits, out: candidates });
      return;
    }
    for (const window of ruleWindows(text, rule, hits)) {
      matchRule({ text, rule, ruleIndex, window, out: candidates });
    }
  });
  return resolveOverlaps(from > 0 ? candidates.filter((c) => c.start >= from) : candidates);
}

/** Compiles a scanner over the given rules (default: every built-in rule). */
export function createScanner(
  rules: readonly Rule[] = builtinRules(),
  options: ScannerOptions = {},
): Scanner {
  for (const rule of rules) {
    if (!rule.regex.global) throw new TypeError(`rule ${rule.id}: regex needs the g flag`);
    if (rule.locator?.global === false) throw new TypeError(`rule ${rule.id}: locator needs the g flag`);
  }
  const frozen = [...rules];
  const source =
    (options.native === false
      ? undefined
      : createNativeHitSource(frozen, { simd: NATIVE_SIMD[String(options.native)] })) ??
    createJsHitSource(frozen);
  return {
    rules: frozen,
    holdBack: maxRuleLength(frozen) + CONTEXT_MARGIN,
    engine: source.engine,
    spans: (text, from) => collectSpans(frozen, source, text, from),
    scan: (text) =>
      collectSpans(frozen, source, text).map((span) => {
        const rule = frozen[span.ruleIndex] as Rule;
        return {
          ruleId: rule.id,
          display: rule.display,
          start: span.start,
          end: span.end,
          fingerprint: fingerprint(text.slice(span.start, span.end)),
        };
      }),
  };
}
