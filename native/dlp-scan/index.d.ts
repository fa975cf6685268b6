/** What the C scanner is compiled from (built by @agentsh/dlp's native-spec.ts). */
export interface NativeScanSpec {
  /** Rules are 0..ruleCount-1; slot ruleCount holds the digit-locator hits. */
  ruleCount: number;
  /** 1: report the PII digit-group locator's hits in slot ruleCount. */
  digits: number;
  /** The keywords' ASCII bytes, concatenated; keywordEnds[k] is where keyword k ends. */
  keywordBytes: Uint8Array;
  keywordEnds: Int32Array;
  /** 1: keyword k is lower case and compared ASCII-case-insensitively. */
  keywordFold: Uint8Array;
  /** (keyword, rule, guard class or -1) triples: a hit of the keyword counts for the rule unless
   * the character before it is ASCII and in the guard class. */
  targets: Int32Array;
  /** 128 bytes per class: 1 when that ASCII character belongs to it. */
  classes: Uint8Array;
  /** Repeated: rule, step count n, then n (class, min, max) steps every hit of the rule must pass. */
  follow: Int32Array;
  /** Highest SIMD prefilter to use: 0 none (plain C), 1 SSSE3, 2 AVX2 (default; tests compare all). */
  simd?: number;
}

/** An opaque compiled scanner. */
export type NativeScanHandle = { readonly __brand: 'NativeScanHandle' };

/** Raw binding; @agentsh/dlp wraps it (src/native-scan.ts). */
export interface DlpNativeBinding {
  /** Throws on a malformed spec. */
  compile(spec: NativeScanSpec): NativeScanHandle;
  /**
   * Scans the text; out[r]..out[slots + r] (slots = ruleCount + 1) index rule r's hit positions in
   * out. Returns the number of entries written, or minus the size needed when out is too small.
   */
  scan(handle: NativeScanHandle, text: string, out: Int32Array): number;
  /** Whether the digit-group locator matches at the start of the text (tests). */
  digitsAt(text: string): boolean;
}

declare const binding: DlpNativeBinding;
export = binding;
