import type { CharSet } from './charset';

/** Parsed RE2 pattern, just detailed enough to translate it and bound its cost. */
export type Re2Node =
  | { kind: 'atom'; js: string; set: CharSet }
  | { kind: 'assert'; js: string }
  | { kind: 'group'; open: string; alternatives: Re2Node[][] }
  | { kind: 'repeat'; node: Re2Node; min: number; max: number; lazy: boolean };

/** Open-ended repeats (`*`, `+`, `{n,}`) are capped at this many iterations. */
export const MAX_REPEAT = 256;
