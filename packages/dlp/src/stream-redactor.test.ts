import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../test/random';
import { GENERATED_RULES, generatePositive } from '../test/synthetic';
import { createStreamRedactor } from './byte-stream';
import { compileCustomPattern } from './custom-patterns';
import { redact } from './redact';
import { BUILTIN_RULES } from './rules/index';
import { createScanner } from './scanner';
import { createTextStreamRedactor } from './stream-redactor';
import { createTokenizer } from './tokenizer';

const FILLER = [
  'INFO request ok\n',
  'token: ',
  'Authorization: ',
  'password=',
  '-----BEGIN ',
  'ghp_',
  'sk-',
  'eyJ',
  'über naïve 日本語 🙂 ',
  '{"key": "',
  '"}\n',
  ' ',
  '\n',
  'at Object.<anonymous> (/app/src/index.ts:12:5)\n',
];

const segment = fc.oneof(
  fc.constantFrom(...FILLER),
  fc.string({ maxLength: 12 }),
  fc.tuple(fc.constantFrom(...GENERATED_RULES), fc.integer({ min: 1, max: 1e6 })).map(([rule, seed]) => {
    return generatePositive(rule, createRng(seed)).text;
  }),
);

const bigFiller = fc
  .integer({ min: 50, max: 400 })
  .map((lines) =>
    'INFO 2026-11-27 worker=3 processed batch ok id=42 with a longer tail of text\n'.repeat(lines),
  );

const document = fc
  .array(fc.oneof({ weight: 8, arbitrary: segment }, { weight: 1, arbitrary: bigFiller }), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Rules short enough that the hold-back is small and documents drain many times mid-stream. */
const shortScanner = createScanner(BUILTIN_RULES.filter((rule) => rule.maxLength <= 300));

/** Custom (RE2) patterns as a config would add them, including anchors and open-ended repeats. */
const customScanner = createScanner(
  [
    'ak-[a-zA-Z0-9]{32,}',
    'eyJ[a-zA-Z0-9_-]*\\.eyJ[a-zA-Z0-9_-]*\\.[a-zA-Z0-9_-]*',
    '(?i)token: \\S+',
    '^INFO .{40,}',
    'ok$',
    '[a-z]+[0-9]+',
  ].map((regex, i) => compileCustomPattern({ name: `c${i}`, regex })),
);

function cut(text: string, sizes: readonly number[]): string[] {
  const chunks: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes.length === 0 ? text.length : (sizes[i % sizes.length] ?? 1);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

describe('streaming redaction', () => {
  it.each([
    ['all rules', undefined],
    ['short rules', shortScanner],
    ['custom patterns', customScanner],
  ])('equals one-shot redaction for any text and any chunking (%s)', (_name, scanner) => {
    fc.assert(
      fc.property(
        document,
        fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        (text, sizes, batch) => {
          const stream = createTextStreamRedactor({ batch, ...(scanner ? { scanner } : {}) });
          const out =
            cut(text, sizes)
              .map((chunk) => stream.push(chunk))
              .join('') + stream.end();
          expect(out).toBe(redact(text, scanner ? { scanner } : {}));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equals one-shot redaction over UTF-8 bytes cut anywhere, also in tokenize mode', () => {
    fc.assert(
      fc.property(document, fc.array(fc.integer({ min: 1, max: 97 }), { maxLength: 6 }), (text, sizes) => {
        const key = new Uint8Array(32).fill(7);
        const bytes = new TextEncoder().encode(text);
        const stream = createStreamRedactor({
          mode: 'tokenize',
          tokenizer: createTokenizer({ key }),
          batch: 16,
        });
        const parts: Uint8Array[] = [];
        let at = 0;
        for (let i = 0; at < bytes.length; i++) {
          const size = sizes[i % Math.max(1, sizes.length)] ?? bytes.length;
          parts.push(stream.write(bytes.subarray(at, at + size)));
          at += size;
        }
        parts.push(stream.end());
        const out = new TextDecoder().decode(Buffer.concat(parts));
        expect(out).toBe(redact(text, { mode: 'tokenize', tokenizer: createTokenizer({ key }) }));
      }),
      { numRuns: 150 },
    );
  });

  it('never emits any part of a secret split across tiny chunks', () => {
    const sample = generatePositive('anthropic_api_key', createRng(5));
    const label = sample.labels[0];
    const secret = label ? sample.text.slice(label.start, label.end) : '';
    const stream = createTextStreamRedactor({ batch: 1 });
    let out = '';
    for (const ch of sample.text) {
      out += stream.push(ch);
      expect(out).not.toContain(secret.slice(0, 20));
    }
    out += stream.end();
    expect(out).toContain('[REDACTED:ANTHROPIC_KEY]');
  });

  it('tells onRedact each emitted span once, by rule id, however the text is chunked', () => {
    const sample = generatePositive('anthropic_api_key', createRng(7));
    const text = `${sample.text}\nsome log\n${sample.text}`;
    const seen: string[] = [];
    const stream = createTextStreamRedactor({ batch: 3, onRedact: (id) => seen.push(id) });
    for (let i = 0; i < text.length; i += 5) stream.push(text.slice(i, i + 5));
    stream.end();
    expect(seen).toEqual(['anthropic_api_key', 'anthropic_api_key']);
  });

  it('holds back a bounded amount', () => {
    const stream = createTextStreamRedactor({ batch: 100 });
    let emitted = 0;
    for (let i = 0; i < 2000; i++) emitted += stream.push('plain log line without secrets\n').length;
    expect(stream.held).toBeLessThan(20_000);
    expect(emitted).toBeGreaterThan(2000 * 30 - 20_000);
  });

  it('passes text through in disabled mode', () => {
    const stream = createTextStreamRedactor({ mode: 'disabled' });
    expect(stream.push('ghp_abc')).toBe('ghp_abc');
    expect(stream.end()).toBe('');
  });
});
