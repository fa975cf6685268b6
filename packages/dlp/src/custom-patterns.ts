import { DlpError } from './errors';
import { translateRe2 } from './re2/translate';
import type { Rule } from './rule';

/** A dlp.custom_patterns entry of agentsh's server config. */
export interface CustomPattern {
  name: string;
  display?: string | undefined;
  regex: string;
}

/**
 * Compiles a custom pattern (Go RE2 syntax) into a rule. It scans the whole text (no keyword
 * gate) and its repeats are capped, so it has a maximum length for streaming. Throws a DlpError
 * naming the pattern (never quoting matched text) when it cannot be translated or made linear.
 */
export function compileCustomPattern(pattern: CustomPattern, where = 'dlp.custom_patterns'): Rule {
  let translated: ReturnType<typeof translateRe2>;
  try {
    translated = translateRe2(pattern.regex);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DlpError('DLP_INVALID_PATTERN', `${where}: pattern "${pattern.name}": ${reason}`, {
      cause,
      hint: 'custom patterns use Go RE2 syntax without nested or adjacent open-ended repeats',
    });
  }
  let regex: RegExp;
  try {
    regex = new RegExp(translated.source, `g${translated.flags}`);
  } catch (cause) {
    throw new DlpError('DLP_INVALID_PATTERN', `${where}: pattern "${pattern.name}": not a valid regex`, {
      cause,
    });
  }
  if (regex.test('')) {
    throw new DlpError(
      'DLP_INVALID_PATTERN',
      `${where}: pattern "${pattern.name}": matches the empty string`,
    );
  }
  regex.lastIndex = 0;
  return {
    id: pattern.name,
    display: pattern.display ?? pattern.name,
    group: 'custom',
    regex,
    keywords: [],
    maxLength: Math.max(1, translated.maxLength),
  };
}
