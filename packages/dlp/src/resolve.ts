import type { Candidate } from './rule';

function compareCandidates(a: Candidate, b: Candidate): number {
  return a.start - b.start || b.end - a.end || a.ruleIndex - b.ruleIndex;
}

function beats(a: Candidate, b: Candidate): boolean {
  const lengthA = a.end - a.start;
  const lengthB = b.end - b.start;
  if (lengthA !== lengthB) return lengthA > lengthB;
  if (a.start !== b.start) return a.start < b.start;
  return a.ruleIndex < b.ruleIndex;
}

/**
 * Merges overlapping candidates into disjoint spans, deterministically: each span is the union of
 * a chain of overlapping candidates (so no byte of any detection escapes redaction) and is named
 * after its longest candidate (ties: earliest start, then the earlier rule).
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(compareCandidates);
  const spans: Candidate[] = [];
  let current: Candidate | undefined;
  let winner: Candidate | undefined;
  for (const candidate of sorted) {
    if (current !== undefined && winner !== undefined && candidate.start < current.end) {
      current = { ...current, end: Math.max(current.end, candidate.end) };
      if (beats(candidate, winner)) winner = candidate;
      continue;
    }
    if (current !== undefined && winner !== undefined)
      spans.push({ ...current, ruleIndex: winner.ruleIndex });
    current = candidate;
    winner = candidate;
  }
  if (current !== undefined && winner !== undefined) spans.push({ ...current, ruleIndex: winner.ruleIndex });
  return spans;
}
