import { createHmac, randomBytes } from 'node:crypto';

/** Stable per-session tokens for detected values (tokenize mode). */
export interface Tokenizer {
  /** The token for a value: the same value always gets the same `TOK_<16 hex>` in this tokenizer. */
  tokenFor(value: string): string;
  /** Replaces every known token in the text by its original value. */
  detokenize(text: string): string;
  /** How many distinct values have been tokenized. */
  readonly size: number;
}

export interface TokenizerOptions {
  /** HMAC key; defaults to 32 random bytes, so tokens differ between sessions. */
  key?: Uint8Array;
}

/** Creates a tokenizer holding a keyed map from values to tokens (and back). */
export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  const key = options.key ?? randomBytes(32);
  const tokens = new Map<string, string>();
  const values = new Map<string, string>();
  return {
    tokenFor(value) {
      const known = tokens.get(value);
      if (known !== undefined) return known;
      const token = `TOK_${createHmac('sha256', key).update(value).digest('hex').slice(0, 16)}`;
      tokens.set(value, token);
      values.set(token, value);
      return token;
    },
    detokenize(text) {
      return text.replace(/TOK_[0-9a-f]{16}/g, (token) => values.get(token) ?? token);
    },
    get size() {
      return tokens.size;
    },
  };
}
