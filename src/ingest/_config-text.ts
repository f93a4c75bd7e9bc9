/**
 * Edits of feeds.yaml as text, so every byte outside the lines a feed takes stays
 * as the user wrote it (the `yaml` library's printer would reformat the rest):
 * where a node sits, a list entry written as block YAML, lines inserted after
 * or cut around an entry. Pure; config-edit.ts decides what to edit.
 */
import { Document } from 'yaml';

/** A node's [start, value end, node end] offsets in the text it was parsed from. */
export function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | undefined)?.range ?? undefined;
}

/** The column of an offset in the text (0-based). */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** One list entry as block YAML, its dash at `column`, with a blank line before it when the list spaces its entries. */
export function entryText(entry: Record<string, unknown>, column: number, spaced: boolean): string {
  const yaml = new Document([entry]).toString({ lineWidth: 0 });
  const pad = ' '.repeat(column);
  const lines = yaml
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${pad}${line}`);
  return `${spaced ? '\n' : ''}${lines.join('\n')}\n`;
}

/** `insert` placed at the start of the line after the one holding `offset` (the end of the list's last entry). */
export function insertAfterLine(text: string, offset: number, insert: string): string {
  const probe = offset > 0 && text[offset - 1] === '\n' ? offset - 1 : offset;
  const newline = text.indexOf('\n', probe);
  if (newline === -1) return `${text}\n${insert}`;
  return text.slice(0, newline + 1) + insert + text.slice(newline + 1);
}

/**
 * The text without the lines of a block list entry (from its dash to the end
 * of its value), the comment lines right above it, and one of the blank lines
 * it leaves: every other byte of the file stays as it was.
 */
export function cutLines(text: string, start: number, end: number): string {
  const lines = text.split('\n');
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  let first = lineAt(start);
  // The value's end is the start of the line after it when the entry ends with a newline.
  let last = lineAt(end);
  if (end > 0 && text[end - 1] === '\n') last--;
  while (
    last + 1 < lines.length &&
    /^\s*#/.test(lines[last + 1] ?? '') &&
    indent(lines[last + 1]) > indent(lines[first])
  )
    last++;
  while (first > 0 && /^\s*#/.test(lines[first - 1] ?? '') && indent(lines[first - 1]) === indent(lines[first]))
    first--;
  const before = lines[first - 1];
  // The text's last element is what follows its final newline, not a line of its own.
  const after = last + 1 < lines.length - 1 ? lines[last + 1] : undefined;
  const blank = (line: string | undefined) => line !== undefined && line.trim() === '';
  // One blank line between the neighbours, or none where the entry was the first of its list.
  if (blank(after) && (blank(before) || before === undefined || /:\s*$/.test(before))) last++;
  lines.splice(first, last - first + 1);
  return lines.join('\n');
}

function indent(line: string | undefined): number {
  return line === undefined ? 0 : line.length - line.trimStart().length;
}
