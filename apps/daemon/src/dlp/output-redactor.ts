import { StringDecoder } from 'node:string_decoder';
import {
  createDlp,
  createTextStreamRedactor,
  createTokenizer,
  parseDlpConfig,
  redact,
  type Tokenizer,
} from '@agentsh/dlp';
import { DaemonError } from '../errors';
import type { OutputRedactor } from '../exec/types';

/**
 * Makes the per-stream redactors of a session from the config's `dlp:` section (mode, built-in
 * pattern groups, custom patterns): one scanner for the daemon, one tokenizer per session.
 * An unusable section stops the daemon at start with the key that is wrong.
 */
export function createOutputRedactorFactory(
  section: unknown,
  onRedact?: (ruleId: string) => void,
): (sessionId: string) => OutputRedactor {
  return createDaemonDlp(section, onRedact).newRedactor;
}

/**
 * The daemon's DLP: stream redactors for command output (onRedact hears each redacted span's rule) and a
 * one-shot redactor for event text.
 */
export function createDaemonDlp(
  section: unknown,
  onRedact?: (ruleId: string) => void,
): {
  newRedactor: (sessionId: string) => OutputRedactor;
  redactText: (text: string) => string;
  /** Which candidate scan runs: the C addon (@agentsh/dlp-native) or TypeScript (same results). */
  engine: 'native' | 'js';
} {
  const parsed = parseDlpConfig(section);
  if (!parsed.ok) throw new DaemonError('DAEMON_CONFIG', parsed.issues.join('; '));
  let dlp: ReturnType<typeof createDlp>;
  try {
    dlp = createDlp(parsed.config);
  } catch (cause) {
    throw new DaemonError('DAEMON_CONFIG', (cause as Error).message, { cause });
  }
  const { mode, scanner } = dlp;
  const tokenizers = new Map<string, Tokenizer>();
  // event text (arguments) is always redacted, even with dlp.mode disabled for output: audit rows keep no secrets
  const redactText = (text: string) => redact(text, { mode: 'redact', scanner });
  const newRedactor = (sessionId: string): OutputRedactor => {
    if (mode === 'disabled') return passThrough();
    let tokenizer = tokenizers.get(sessionId);
    if (!tokenizer) {
      tokenizer = createTokenizer();
      tokenizers.set(sessionId, tokenizer);
    }
    const text = createTextStreamRedactor({ mode, scanner, tokenizer, ...(onRedact ? { onRedact } : {}) });
    const decoder = new StringDecoder('utf8');
    return {
      push: (chunk) => text.push(decoder.write(chunk)),
      end: () => text.push(decoder.end()) + text.end(),
    };
  };
  return { newRedactor, redactText, engine: scanner.engine };
}

function passThrough(): OutputRedactor {
  const decoder = new StringDecoder('utf8');
  return { push: (chunk) => decoder.write(chunk), end: () => decoder.end() };
}
