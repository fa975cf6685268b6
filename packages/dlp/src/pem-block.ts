/**
 * Extends a private-key header match to its whole block: up to the matching END line when it is
 * within reach, otherwise (a truncated key) over the base64 body that follows, so the block is
 * redacted as one finding either way. Linear: the END search result is cached per window.
 */
export interface BlockSearch {
  nextEnd: number;
  searchedFrom: number;
}

const END_LINE = /-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
const BODY = /(?:(?:\r?\n|\\r\\n|\\n)[A-Za-z0-9+/=:, -]{0,100}){0,160}/y;

export function createBlockSearch(): BlockSearch {
  return { nextEnd: -1, searchedFrom: Number.POSITIVE_INFINITY };
}

function findEnd(text: string, from: number, marker: string, search: BlockSearch): number {
  if (search.searchedFrom <= from && (search.nextEnd < 0 || search.nextEnd >= from)) return search.nextEnd;
  search.searchedFrom = from;
  search.nextEnd = text.indexOf(marker, from);
  return search.nextEnd;
}

interface BlockOptions {
  text: string;
  start: number;
  headerEnd: number;
  marker: string;
  maxLength: number;
  search: BlockSearch;
}

/** End offset (exclusive) of the block whose header spans [start, headerEnd). */
export function blockEndOffset(options: BlockOptions): number {
  const { text, start, headerEnd, marker, maxLength, search } = options;
  const limit = start + maxLength;
  const end = findEnd(text, headerEnd, marker, search);
  if (end >= 0 && end < limit) {
    END_LINE.lastIndex = end;
    const line = END_LINE.exec(text);
    const stop = line === null ? end + marker.length : end + line[0].length;
    if (stop <= limit) return stop;
  }
  BODY.lastIndex = headerEnd;
  const body = BODY.exec(text);
  const stop = body === null ? headerEnd : headerEnd + body[0].length;
  return Math.min(stop, limit);
}
