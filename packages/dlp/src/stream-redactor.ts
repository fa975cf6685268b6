import type { DlpMode } from './redact';
import { applySpans, getDefaultScanner, replacerFor } from './redact';
import type { Candidate } from './rule';
import { CONTEXT_MARGIN } from './rule';
import type { Scanner } from './scanner';
import type { Tokenizer } from './tokenizer';

export interface StreamRedactorOptions {
  mode?: DlpMode;
  scanner?: Scanner;
  tokenizer?: Tokenizer;
  /** Extra text collected before a scan, to amortise rescanning the held tail. Default 16384. */
  batch?: number;
  /** Told the rule id of each span once, when its replacement is emitted (metrics; never the value). */
  onRedact?: (ruleId: string) => void;
}

/** Redacts a text stream chunk by chunk; joined outputs equal redact() of the joined inputs. */
export interface TextStreamRedactor {
  /** Adds text; returns the redacted text that can no longer change (possibly ''). */
  push(text: string): string;
  /** Returns everything still held, redacted. The redactor is spent afterwards. */
  end(): string;
  /** Characters currently held back. */
  readonly held: number;
}

const CONTEXT = CONTEXT_MARGIN * 2;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to cut: hold back `holdBack` characters, and never cut through a span or a surrogate pair. */
function emitBoundary(buffer: string, spans: readonly Candidate[], holdBack: number): number {
  let boundary = buffer.length - holdBack;
  for (const span of spans) {
    if (span.start < boundary && span.end > boundary) boundary = span.start;
  }
  if (boundary > 0 && isHighSurrogate(buffer.charCodeAt(boundary - 1))) boundary--;
  return boundary;
}

/**
 * A streaming redactor over text. It keeps at most holdBack (longest match of any rule, plus
 * lookaround context) + batch characters, and a small context of already-emitted input so
 * lookbehinds see the same text as a one-shot scan.
 */
export function createTextStreamRedactor(options: StreamRedactorOptions = {}): TextStreamRedactor {
  const scanner = options.scanner ?? getDefaultScanner();
  const replace = replacerFor(options.mode ?? 'redact', options.tokenizer);
  const batch = options.batch ?? 16_384;
  let context = '';
  let pending = '';

  const drain = (final: boolean): string => {
    if (replace === undefined) {
      const out = pending;
      pending = '';
      return out;
    }
    const buffer = context + pending;
    const offset = context.length;
    const spans = scanner.spans(buffer, offset);
    const boundary = final ? buffer.length : emitBoundary(buffer, spans, scanner.holdBack);
    if (boundary <= offset) return '';
    const emitted = spans
      .filter((span) => span.end <= boundary)
      .map((span) => ({ ...span, start: span.start - offset, end: span.end - offset }));
    if (options.onRedact)
      for (const span of emitted) options.onRedact(scanner.rules[span.ruleIndex]?.id ?? '?');
    const out = applySpans({
      text: buffer.slice(offset, boundary),
      spans: emitted,
      rules: scanner.rules,
      replace,
    });
    context = buffer.slice(Math.max(0, boundary - CONTEXT), boundary);
    pending = buffer.slice(boundary);
    return out;
  };

  return {
    push(text) {
      pending += text;
      if (replace !== undefined && pending.length < scanner.holdBack + batch) return '';
      return drain(false);
    },
    end() {
      const out = drain(true);
      context = '';
      pending = '';
      return out;
    },
    get held() {
      return pending.length;
    },
  };
}
