import { describe, expect, it } from 'vitest';
import { generateMix } from '../bench/mix';
import { adversarialInputs } from '../test/adversarial';
import { loadCorpus } from '../test/evaluate';
import { nativeBinding } from './native-scan';
import { BUILTIN_RULES } from './rules/index';
import { createScanner } from './scanner';

const simd = createScanner();
const ssse3 = createScanner(undefined, { native: 'ssse3' });
const portable = createScanner(undefined, { native: 'portable' });
const js = createScanner(undefined, { native: false });
const available = nativeBinding() !== undefined;

function expectSameSpans(texts: Iterable<string>): number {
  let spans = 0;
  for (const text of texts) {
    const expected = js.spans(text);
    expect(simd.spans(text)).toEqual(expected);
    expect(ssse3.spans(text)).toEqual(expected);
    expect(portable.spans(text)).toEqual(expected);
    spans += expected.length;
  }
  return spans;
}

/** Secrets behind characters above U+00FF whose low byte is a letter, digit or separator. */
function nonAsciiTexts(): string[] {
  const corpus = loadCorpus().filter((d) => d.labels.length > 0);
  const prefixes = ['\u4e41', '\u0130', '\u0161', '\u00e9', '\ud83d\ude00', '\ud800', '\u2028', '\u0131'];
  return corpus.slice(0, 400).flatMap((doc, i) => {
    const p = prefixes[i % prefixes.length] as string;
    return [p + doc.text, doc.text.replace(/[ =:]/g, (c) => `${p}${c}`), doc.text.replace(/-/g, '\u4e2d')];
  });
}

describe.skipIf(!available)('native candidate scan (parity with the TypeScript scan)', () => {
  it('is used when the addon loads', () => {
    expect(simd.engine).toBe('native');
    expect(portable.engine).toBe('native');
    expect(js.engine).toBe('js');
  });

  it('gives the same spans on every corpus document', () => {
    const spans = expectSameSpans(loadCorpus().map((d) => d.text));
    expect(spans).toBeGreaterThan(1300);
  });

  it('gives the same spans on 4 MB of the bench mix', () => {
    expect(expectSameSpans(generateMix(4 * 1024 * 1024))).toBeGreaterThan(10);
  });

  it('gives the same spans with non-ASCII characters next to secrets', () => {
    expect(expectSameSpans(nonAsciiTexts())).toBeGreaterThan(300);
  });

  it('gives the same spans on the adversarial inputs of every rule', () => {
    const seen = new Set<string>();
    for (const rule of BUILTIN_RULES) {
      for (const input of adversarialInputs(rule, 8 * 1024).values()) {
        if (seen.has(input)) continue;
        seen.add(input);
        expectSameSpans([input]);
      }
    }
    expect(seen.size).toBeGreaterThan(100);
  });

  it('gives the same spans from a stream cut anywhere (context offsets)', () => {
    const [doc] = generateMix(256 * 1024);
    for (const from of [1, 777, 4096, 65_000]) {
      expect(simd.spans(doc as string, from)).toEqual(js.spans(doc as string, from));
    }
  });
});
