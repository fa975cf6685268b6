import { describe, expect, it } from 'vitest';
import { createRng } from '../test/random';
import { TOKEN_GENERATORS } from '../test/synthetic-tokens';
import { redact } from './redact';
import { createTokenizer } from './tokenizer';

const rng = createRng(42);
const gh = TOKEN_GENERATORS.github_token?.(rng) ?? '';
const aws = TOKEN_GENERATORS.aws_access_key_id?.(rng) ?? '';

describe('redact', () => {
  it('replaces secrets with [REDACTED:<display>]', () => {
    const out = redact(`token ${gh} and key ${aws}.`);
    expect(out).toBe('token [REDACTED:GITHUB_TOKEN] and key [REDACTED:AWS_KEY].');
  });

  it('leaves text without secrets untouched, and everything in disabled mode', () => {
    const clean =
      'commit 97b58fa1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7\nuuid 123e4567-e89b-12d3-a456-426614174000\n';
    expect(redact(clean)).toBe(clean);
    expect(redact(`x ${gh}`, { mode: 'disabled' })).toBe(`x ${gh}`);
  });

  it('tokenizes with stable per-session tokens', () => {
    const tokenizer = createTokenizer({ key: new Uint8Array(32) });
    const first = redact(`a=${gh} b=${gh} c=${aws}`, { mode: 'tokenize', tokenizer });
    const tokens = first.match(/TOK_[0-9a-f]{16}/g) ?? [];
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[0]);
    expect(redact(`again ${gh}`, { mode: 'tokenize', tokenizer })).toBe(`again ${tokens[0]}`);
    expect(tokenizer.detokenize(first)).toBe(`a=${gh} b=${gh} c=${aws}`);
    expect(tokenizer.size).toBe(2);
  });

  it('gives different tokens under different session keys', () => {
    const a = redact(gh, { mode: 'tokenize', tokenizer: createTokenizer() });
    const b = redact(gh, { mode: 'tokenize', tokenizer: createTokenizer() });
    expect(a).not.toBe(b);
  });

  it('redacts a whole PEM block, also JSON-escaped and truncated', () => {
    const body = 'MIIEFAKEFAKEFAKE\nAAAABBBBCCCC==\n';
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}-----END RSA PRIVATE KEY-----`;
    expect(redact(`before\n${pem}\nafter`)).toBe('before\n[REDACTED:PRIVATE_KEY]\nafter');
    const escaped = JSON.stringify({ key: pem });
    expect(redact(escaped)).toBe('{"key":"[REDACTED:PRIVATE_KEY]"}');
    const truncated = `-----BEGIN PRIVATE KEY-----\n${body}`;
    expect(redact(truncated)).toBe('[REDACTED:PRIVATE_KEY]');
  });

  it('keeps placeholders, EXAMPLE keys and code references', () => {
    const text = [
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'const token = process.env.GITHUB_TOKEN;',
      `password: \${DB_PASSWORD}`,
      'Authorization: Bearer <your-token-here>',
      'postgres://user:password@localhost/db',
    ].join('\n');
    expect(redact(text)).toBe(text);
  });
});
