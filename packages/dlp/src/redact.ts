import type { Candidate, Rule } from './rule';
import type { Scanner } from './scanner';
import { createScanner } from './scanner';
import type { Tokenizer } from './tokenizer';
import { createTokenizer } from './tokenizer';

/** agentsh's dlp.mode values. */
export type DlpMode = 'redact' | 'tokenize' | 'disabled';

export interface RedactOptions {
  /** Default `redact`. */
  mode?: DlpMode;
  /** Default: a scanner over every built-in rule. */
  scanner?: Scanner;
  /** For `tokenize`; pass one per session to keep tokens stable across calls. */
  tokenizer?: Tokenizer;
}

/** Replaces each span: `[REDACTED:<display>]`, or the tokenizer's token for the value. */
export type Replacer = (value: string, rule: Rule) => string;

let defaultScanner: Scanner | undefined;

/** The scanner over every built-in rule, compiled once. */
export function getDefaultScanner(): Scanner {
  defaultScanner ??= createScanner();
  return defaultScanner;
}

/** Builds the replacement function for a mode (undefined for `disabled`). */
export function replacerFor(mode: DlpMode, tokenizer?: Tokenizer): Replacer | undefined {
  if (mode === 'disabled') return undefined;
  if (mode === 'tokenize') {
    const tokens = tokenizer ?? createTokenizer();
    return (value) => tokens.tokenFor(value);
  }
  return (_value, rule) => `[REDACTED:${rule.display}]`;
}

interface ApplyOptions {
  text: string;
  spans: readonly Candidate[];
  rules: readonly Rule[];
  replace: Replacer;
}

/** Rewrites the text with every (disjoint, sorted) span replaced. Offsets refer to the input. */
export function applySpans(options: ApplyOptions): string {
  const { text, spans, rules, replace } = options;
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.start));
    parts.push(replace(text.slice(span.start, span.end), rules[span.ruleIndex] as Rule));
    at = span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Redacts every detected secret and personal datum in the text (one shot). */
export function redact(text: string, options: RedactOptions = {}): string {
  const replace = replacerFor(options.mode ?? 'redact', options.tokenizer);
  if (replace === undefined) return text;
  const scanner = options.scanner ?? getDefaultScanner();
  return applySpans({ text, spans: scanner.spans(text), rules: scanner.rules, replace });
}
