/**
 * An archived item file to the parts of a collection entry, or the one-line
 * reason it cannot be one: not UTF-8 text, no frontmatter, YAML that does not
 * parse, or values the item schema refuses. Pure; the items loader reads the
 * files and renders the bodies.
 */
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { type Item, ItemSchema } from '#src/archive/schema.ts';
import { describeIssues, firstLine } from './quarantine.ts';

/** Why a file is left out, or what it holds. */
export type Readable<T> = { ok: true; value: T } | { ok: false; problem: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text; a file that is not UTF-8 would otherwise render as replacement characters. */
export function decodeArchiveFile(bytes: Uint8Array): Readable<string> {
  try {
    return { ok: true, value: UTF8.decode(bytes) };
  } catch {
    return { ok: false, problem: `not UTF-8 text (byte ${describeInvalidByte(bytes)})` };
  }
}

/** `0xff at offset 120`: the first byte that does not start or continue a UTF-8 sequence. */
function describeInvalidByte(bytes: Uint8Array): string {
  for (let offset = 0; offset < bytes.length; ) {
    const length = sequenceLength(bytes, offset);
    if (length === 0) return `0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset}`;
    offset += length;
  }
  return 'sequence cut short at the end';
}

/** Length of a valid UTF-8 sequence at `offset`, 0 when none starts there. */
function sequenceLength(bytes: Uint8Array, offset: number): number {
  const lead = bytes[offset] ?? 0;
  const length =
    lead < 0x80
      ? 1
      : lead >= 0xc2 && lead < 0xe0
        ? 2
        : lead >= 0xe0 && lead < 0xf0
          ? 3
          : lead >= 0xf0 && lead < 0xf5
            ? 4
            : 0;
  if (length === 0) return 0;
  const slice = bytes.subarray(offset, offset + length);
  if (slice.length < length) return 0;
  try {
    UTF8.decode(slice);
    return length;
  } catch {
    return 0;
  }
}

export interface ItemEntryParts {
  /** The frontmatter as the schema parsed it. */
  data: Item;
  /** The Markdown after the frontmatter. */
  body: string;
}

/** `line 3, column 1`, counted in the file (the YAML starts on its second line). */
function yamlPosition(error: unknown): string {
  if (!(error instanceof Error) || !('linePos' in error) || !Array.isArray(error.linePos)) return '';
  const start: unknown = error.linePos[0];
  if (typeof start !== 'object' || start === null || !('line' in start) || !('col' in start)) return '';
  return ` at line ${Number(start.line) + 1}, column ${Number(start.col)}`;
}

/** The frontmatter validated by the item schema, and the body; or what is wrong with them. */
export function parseItemEntry(text: string): Readable<ItemEntryParts> {
  let parts: { frontmatter: unknown; body: string };
  try {
    parts = parseItemFile(text);
  } catch (error) {
    const reason = firstLine(error).replace(/ at line \d+, column \d+$/, '');
    return { ok: false, problem: `frontmatter: not valid YAML${yamlPosition(error)} (${reason})` };
  }
  if (parts.frontmatter === undefined) {
    const opened = /^\uFEFF?---\r?\n/.test(text);
    const problem = opened ? 'not closed by a line of three dashes, ---' : 'missing (the file must start with ---)';
    return { ok: false, problem: `frontmatter: ${problem}` };
  }
  const frontmatter = parts.frontmatter ?? {};
  if (typeof frontmatter !== 'object' || frontmatter === null || Array.isArray(frontmatter)) {
    return { ok: false, problem: 'frontmatter: not a mapping of keys to values' };
  }
  const data = frontmatter as Record<string, unknown>;
  const result = ItemSchema.safeParse(data);
  if (!result.success) return { ok: false, problem: `frontmatter: ${describeIssues(result.error.issues, data)}` };
  return { ok: true, value: { data: result.data, body: parts.body } };
}
