import { createRequire } from 'node:module';
import type { DlpNativeBinding, NativeScanHandle } from '@agentsh/dlp-native';
import type { HitSource, RuleHits } from './hit-source';
import { createJsHitSource } from './hit-source';
import { isDigitLocator, nativeSpec } from './native-spec';
import type { Rule } from './rule';

let binding: DlpNativeBinding | null | undefined;

/**
 * The optional addon, loaded once; undefined when it is not installed or not built (the scanner
 * then runs in TypeScript). The only thing this package loads from outside itself.
 */
export function nativeBinding(): DlpNativeBinding | undefined {
  if (binding === undefined) {
    try {
      binding = createRequire(import.meta.url)('@agentsh/dlp-native') as DlpNativeBinding;
    } catch {
      binding = null;
    }
  }
  return binding ?? undefined;
}

/** Output buffer shared by every native scan (a scan's views are read before the next one). */
const OUT_SIZE = 1 << 16;
let out = new Int32Array(OUT_SIZE);
const EMPTY = new Int32Array(0);

export interface NativeHitSourceOptions {
  /** Replaces the addon loader (tests). */
  load?: () => DlpNativeBinding | undefined;
  /** Highest SIMD prefilter: `none` (plain C), `ssse3`, `auto` (AVX2 where the CPU has it). */
  simd?: 'none' | 'ssse3' | 'auto';
}

/**
 * The native hit source: one C call per text gives every rule's keyword hits (guards and follow
 * chains applied) and the PII digit locator's hits. Undefined when the addon or the rules do not
 * allow it, or the addon refuses the spec; a text the addon fails on (out of memory) goes through
 * the TypeScript first pass instead.
 */
export function createNativeHitSource(
  rules: readonly Rule[],
  options: NativeHitSourceOptions = {},
): HitSource | undefined {
  const native = (options.load ?? nativeBinding)();
  const spec = nativeSpec(rules);
  if (native === undefined || spec === undefined) return undefined;
  const simd = { none: 0, ssse3: 1, auto: 2 }[options.simd ?? 'auto'];
  let handle: NativeScanHandle;
  try {
    handle = native.compile({ ...spec, simd });
  } catch {
    return undefined;
  }
  const slots = rules.length + 1;
  const digitLocators = new Set(rules.filter(isDigitLocator).map((rule) => rule.locator as RegExp));
  let fallback: HitSource | undefined;
  const scan = (text: string): RuleHits => {
    // A buffer grown for one huge text is dropped (its views stay valid for whoever holds them).
    if (out.length > OUT_SIZE * 16) out = new Int32Array(OUT_SIZE);
    let written = native.scan(handle, text, out);
    if (written < 0) {
      out = new Int32Array(Math.max(-written, out.length * 2));
      written = native.scan(handle, text, out);
    }
    const byRule: Int32Array[] = [];
    for (let r = 0; r < rules.length; r++) {
      const start = out[r] as number;
      const end = out[slots + r] as number;
      byRule.push(start === end ? EMPTY : out.subarray(start, end));
    }
    const located = new Map<RegExp, Int32Array>();
    const digits = out.subarray(out[rules.length], out[slots * 2 - 1]);
    for (const locator of digitLocators) located.set(locator, digits);
    return { byRule, located };
  };
  return {
    engine: 'native',
    hits(text) {
      try {
        return scan(text);
      } catch {
        fallback ??= createJsHitSource(rules);
        return fallback.hits(text);
      }
    },
  };
}
