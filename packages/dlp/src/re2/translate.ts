import type { Re2Node } from './ast';
import type { CharSet } from './charset';
import { emptySet, intersects, toClass, union } from './charset';
import { parseRe2 } from './parse';

/** A repeat that may run long enough to matter for backtracking. */
const WIDE = 16;

function emit(node: Re2Node): string {
  switch (node.kind) {
    case 'atom':
    case 'assert':
      return node.js;
    case 'group':
      return `${node.open}${node.alternatives.map((seq) => seq.map(emit).join('')).join('|')})`;
    case 'repeat': {
      const inner = emit(node.node);
      const count = node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return `${inner}${count}${node.lazy ? '?' : ''}`;
    }
  }
}

function maxLength(node: Re2Node): number {
  switch (node.kind) {
    case 'atom':
      return 1;
    case 'assert':
      return 0;
    case 'group':
      return Math.max(0, ...node.alternatives.map((seq) => seq.reduce((sum, n) => sum + maxLength(n), 0)));
    case 'repeat':
      return maxLength(node.node) * node.max;
  }
}

function containsRepeat(node: Re2Node): boolean {
  if (node.kind === 'repeat') return node.max > 1 || containsRepeat(node.node);
  if (node.kind === 'group') return node.alternatives.some((seq) => seq.some(containsRepeat));
  return false;
}

/** The characters a node can consume (coarse), for the adjacent-repeat check. */
function charsOf(node: Re2Node): CharSet {
  if (node.kind === 'atom') return node.set;
  const set = emptySet();
  if (node.kind === 'repeat') union(set, charsOf(node.node));
  if (node.kind === 'group') for (const seq of node.alternatives) for (const n of seq) union(set, charsOf(n));
  return set;
}

function checkSequence(seq: readonly Re2Node[]): void {
  let previous: CharSet | undefined;
  for (const node of seq) {
    check(node);
    if (node.kind === 'assert') continue;
    const wide = node.kind === 'repeat' && node.max >= WIDE;
    if (wide && previous !== undefined && intersects(previous, charsOf(node))) {
      throw new Error(
        'two adjacent open-ended repeats over overlapping characters (polynomial backtracking)',
      );
    }
    previous = wide ? charsOf(node) : undefined;
  }
}

function check(node: Re2Node): void {
  if (node.kind === 'group') for (const seq of node.alternatives) checkSequence(seq);
  if (node.kind !== 'repeat' || node.max <= 1) return;
  const inner = node.node;
  if (containsRepeat(inner)) throw new Error('a repeat inside a repeat (nested quantifiers)');
  if (inner.kind === 'group' && inner.alternatives.length > 1) {
    throw new Error('a repeated alternation (use a character class instead)');
  }
  check(inner);
}

/**
 * A branch that opens with a long repeat (possibly after a few characters the repeat also
 * consumes, as in `eyJ[A-Za-z0-9_-]*`) would be retried from every position inside a run of those
 * characters: cost run length x cap. A lookbehind lets it start only where such a run starts, so
 * each run costs one attempt. (Matches in the middle of a run are given up; documented.)
 */
function runStartGuard(seq: readonly Re2Node[]): string {
  const repeatAt = seq.findIndex((node) => node.kind === 'repeat' && node.max >= WIDE);
  const repeat = seq[repeatAt];
  if (repeat === undefined || repeatAt > 8) return '';
  const chars = charsOf(repeat);
  const leading = seq.slice(0, repeatAt);
  if (!leading.every((node) => node.kind === 'atom' && isSubset(node.set, chars))) return '';
  return `(?<!${toClass(chars)})`;
}

function isSubset(inner: CharSet, outer: CharSet): boolean {
  if (inner.nonAscii && !outer.nonAscii) return false;
  for (let c = 0; c < 128; c++) if (inner.ascii[c] === 1 && outer.ascii[c] !== 1) return false;
  return true;
}

/** A custom pattern translated to a JS regex source that runs in bounded, linear time. */
export interface TranslatedPattern {
  source: string;
  flags: string;
  maxLength: number;
}

/**
 * Translates Go RE2 syntax to JS: `(?P<n>` names, leading and scoped `(?i)`, POSIX classes,
 * `\A`, `\z` and `\Q..\E`; caps open-ended repeats at MAX_REPEAT so every match is bounded; and
 * rejects what would let V8's backtracking blow up. Throws a plain Error with the reason.
 */
export function translateRe2(pattern: string): TranslatedPattern {
  const { alternatives, flags } = parseRe2(pattern);
  const root: Re2Node = { kind: 'group', open: '(?:', alternatives };
  check(root);
  if (alternatives.length === 1 && alternatives[0]?.length === 0) throw new Error('empty pattern');
  const source = alternatives.map((seq) => runStartGuard(seq) + seq.map(emit).join('')).join('|');
  return { source, flags: [...flags].filter((f) => 'ims'.includes(f)).join(''), maxLength: maxLength(root) };
}
