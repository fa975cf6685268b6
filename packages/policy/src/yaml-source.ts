import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { PolicyIssue } from './issues';

/** A parsed YAML text that can map a key path back to line:col. */
export interface YamlSource {
  value: unknown;
  /** YAML syntax errors; when non-empty, `value` must not be trusted. */
  errors: PolicyIssue[];
  /** Position of the node at `path`; with `key`, the position of that key inside the map at `path`. */
  locate(path: readonly PropertyKey[], key?: string): { line: number; col: number };
}

type Positioned = { range?: [number, number, number] | null };

function child(node: unknown, seg: PropertyKey): { node: unknown; keyNode?: unknown } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(seg)) {
        return { node: pair.value, keyNode: pair.key };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as Positioned | null)?.range;
  return range ? range[0] : undefined;
}

function makeLocate(doc: Document, counter: LineCounter): YamlSource['locate'] {
  return (path, key) => {
    let node: unknown = doc.contents;
    let offset = offsetOf(node) ?? 0;
    const segs = key === undefined ? path : [...path, key];
    for (const seg of segs) {
      const next = child(node, seg);
      if (!next) break;
      const target = next.keyNode !== undefined && seg === key ? next.keyNode : (next.node ?? next.keyNode);
      offset = offsetOf(target) ?? offsetOf(next.keyNode) ?? offset;
      node = next.node;
    }
    const pos = counter.linePos(offset);
    return { line: pos.line, col: pos.col };
  };
}

/** Parses YAML keeping positions. Duplicate keys and syntax errors become issues, never throws. */
export function parseYamlSource(text: string, file?: string): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
  });
  // Only the first syntax error: later ones are nearly always consequences of it.
  const errors: PolicyIssue[] = doc.errors.slice(0, 1).map((e) => {
    const pos = counter.linePos(e.pos[0]);
    const first = e.message.split('\n')[0] ?? e.message;
    return { code: 'yaml', path: [], message: first, line: pos.line, col: pos.col, file };
  });
  const value: unknown = errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { value, errors, locate: makeLocate(doc, counter) };
}
