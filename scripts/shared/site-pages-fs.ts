/**
 * Pages of a built site that tools open in a browser (Lighthouse, the
 * screenshots): an article with a highlighted code block and the largest tag.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The first article (by file name) whose page has a highlighted code block. */
export async function articleWithCode(root: string): Promise<string> {
  const entries = await readdir(join(root, 'items'), { recursive: true });
  for (const entry of entries.filter((name) => name.endsWith('index.html')).sort()) {
    if ((await readFile(join(root, 'items', entry), 'utf8')).includes('data-language=')) {
      return `items/${entry.slice(0, -'index.html'.length)}`;
    }
  }
  throw new Error(`No article with a code block under ${join(root, 'items')}: build an archive that has one.`);
}

/** The first tag on the tags page, which lists the most used tag first. */
export async function largestTag(root: string, base: string): Promise<string> {
  const html = await readFile(join(root, 'tags', 'index.html'), 'utf8');
  const match = html.match(/<ul class="group-list"[^>]*>\s*<li[^>]*>\s*<a href="([^"]+)"/);
  if (!match?.[1])
    throw new Error(`No tag listed in ${join(root, 'tags', 'index.html')}: the archive needs tagged items.`);
  return match[1].slice(base.length);
}
