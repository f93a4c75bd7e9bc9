/**
 * The Markdown of an archived version, read back from its file for the page
 * of what changed: the content store holds frontmatter only, and only the
 * change pages need a body as text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseItemFile } from '#src/archive/frontmatter.ts';

/** The body of the archive file at `filePath` (from the project's root, as the content store gives it). */
export function versionBody(filePath: string | undefined): string {
  if (!filePath) throw new Error('An archived version has no file path: the collection must use itemsLoader.');
  return parseItemFile(readFileSync(resolve(filePath), 'utf8')).body;
}
