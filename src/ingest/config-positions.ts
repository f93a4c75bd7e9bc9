/**
 * Where a key of feeds.yaml is written: the line and column of a key path
 * (`feeds[2].url`) in the parsed YAML document, so every config error can say
 * `feeds.yaml:LINE:COL`. Pure: works on the `yaml` Document and its
 * LineCounter, both made by the caller.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type ParsedNode } from 'yaml';

/** A 1-based line and column in the config text. */
export interface ConfigPosition {
  line: number;
  col: number;
}

/** One problem of a config file: where it is and what is wrong. */
export interface ConfigProblem extends ConfigPosition {
  /** The key path, e.g. `feeds[2].url`. */
  key: string;
  /** What was expected, e.g. `expected auto, always or never`. */
  message: string;
}

/** Where a key path leads in a document. */
export interface KeyLocation {
  /** The position of the last key on the path that exists (the start of the entry for a list index). */
  position: ConfigPosition;
  /** Whether the whole path exists; false when a key is missing (then `position` is of its parent). */
  found: boolean;
}

function keyName(pair: Pair<unknown, unknown>): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range?.[0];
}

/** The key path's position, as far as it exists; the document's start when nothing does. */
export function locateKey(contents: ParsedNode | null, path: readonly PropertyKey[], lines: LineCounter): KeyLocation {
  let node: unknown = contents;
  let offset = startOf(contents) ?? 0;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyName(item) === part);
      if (pair === undefined) return { position: lines.linePos(offset), found: false };
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (item === undefined) return { position: lines.linePos(offset), found: false };
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      return { position: lines.linePos(offset), found: false };
    }
  }
  return { position: lines.linePos(offset), found: true };
}
