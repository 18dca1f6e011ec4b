import "server-only";
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

// Where a field path (as zod reports it) sits in the YAML source, and the reverse: which field a
// source offset (as the YAML parser reports it) belongs to. Needs a Document parsed with ranges.

export type SourcePosition = { line: number; col: number };

const keyMatches = (key: unknown, segment: PropertyKey) => isScalar(key) && String(key.value) === String(segment);
const startOf = (node: unknown): number | null => {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : null;
};

/**
 * The node at `path`, or its nearest existing ancestor when a key or item is missing (a required
 * field left out is reported where its object starts). `at: "key"` points at the last key itself
 * (an unknown key). `found` is false when a key or item on the path is missing.
 */
export function locateYamlPath(opts: {
  doc: Document;
  lineCounter: LineCounter;
  path: readonly PropertyKey[];
  at?: "key" | "value";
}): SourcePosition & { found: boolean } {
  const { doc, lineCounter, path } = opts;
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  let found = true;
  for (const [i, segment] of path.entries()) {
    // A value given by an alias (*name) is reported where the alias is used: that is the
    // occurrence the path names (the anchor's own path is reported there, if it fails too).
    if (isAlias(node)) break;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyMatches(p.key, segment));
      if (!pair) {
        found = false;
        break;
      }
      const last = i === path.length - 1;
      const valueStart = startOf(pair.value);
      // `key:` with nothing after it has no value node: point at the key.
      offset = (last && opts.at === "key") || valueStart === null ? (startOf(pair.key) ?? offset) : valueStart;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
      node = node.items[segment];
      offset = startOf(node) ?? offset;
    } else {
      found = false; // a scalar where an object was expected
      break;
    }
  }
  return { ...lineCounter.linePos(offset), found };
}

const contains = (node: unknown, offset: number) => {
  const range = (node as Node | null | undefined)?.range;
  return Boolean(range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1));
};

/** The path of the innermost key or item whose source contains `offset` (a parse error's position). */
export function fieldPathAtOffset(doc: Document, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key, offset) || contains(p.value, offset));
      if (!pair || !isScalar(pair.key)) return path;
      path.push(String(pair.key.value));
      if (contains(pair.key, offset)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}
