import { StringDecoder } from 'node:string_decoder';
import {
  builtinRules,
  createScanner,
  createTextStreamRedactor,
  createTokenizer,
  type DlpMode,
  type PatternToggles,
  type Scanner,
  type Tokenizer,
} from '@agentsh/dlp';
import type { OutputRedactor } from '../exec/types';

export interface OutputDlpOptions {
  mode: DlpMode;
  patterns: PatternToggles;
}

/** Makes the per-stream redactors of a session: one scanner for the daemon, one tokenizer per session. */
export function createOutputRedactorFactory(opts: OutputDlpOptions): (sessionId: string) => OutputRedactor {
  const scanner: Scanner = createScanner(builtinRules(opts.patterns));
  const tokenizers = new Map<string, Tokenizer>();
  return (sessionId) => {
    if (opts.mode === 'disabled') return passThrough();
    let tokenizer = tokenizers.get(sessionId);
    if (!tokenizer) {
      tokenizer = createTokenizer();
      tokenizers.set(sessionId, tokenizer);
    }
    const text = createTextStreamRedactor({ mode: opts.mode, scanner, tokenizer });
    const decoder = new StringDecoder('utf8');
    return {
      push: (chunk) => text.push(decoder.write(chunk)),
      end: () => text.push(decoder.end()) + text.end(),
    };
  };
}

function passThrough(): OutputRedactor {
  const decoder = new StringDecoder('utf8');
  return { push: (chunk) => decoder.write(chunk), end: () => decoder.end() };
}
