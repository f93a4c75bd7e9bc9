/**
 * Astro compresses a template's whitespace as JSX does: a line break between
 * text and an inline element is dropped, so "browse the⏎<a>archive</a>" reads
 * "browse thearchive". Every such break in the site's templates says its space
 * with {' '}.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const INLINE = /^\s*<(?:a|abbr|code|em|kbd|span|strong|time|FormattedDate)[\s>]/;

async function templates(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.astro'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** `file:line` of each line that ends in a word and is followed by a line that opens an inline element. */
function lostSpaces(file: string, text: string): string[] {
  const lines = text.split('\n');
  const found: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/[\p{L}\p{N},;:]$/u.test(line) && !/^\s*[<{]/.test(line) && INLINE.test(lines[i + 1] ?? '')) {
      found.push(`${file}:${i + 1}`);
    }
  }
  return found;
}

describe("the site's templates", () => {
  it('finds the lost space it looks for', () => {
    expect(lostSpaces('x.astro', '<p>\n  browse the\n  <a href="/">archive</a>\n</p>')).toEqual(['x.astro:2']);
    expect(lostSpaces('x.astro', '<p>\n  browse the{\' \'}\n  <a href="/">archive</a>\n</p>')).toEqual([]);
  });

  it('lose no space between text and an inline element at a line break', async () => {
    const found: string[] = [];
    for (const file of await templates(join(process.cwd(), 'src'))) {
      found.push(...lostSpaces(file.slice(process.cwd().length + 1), await readFile(file, 'utf8')));
    }
    expect(found).toEqual([]);
  });
});
