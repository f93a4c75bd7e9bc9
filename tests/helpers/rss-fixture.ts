/** Small RSS 2.0 documents for snapshot tests, written from a list of items. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface FixtureItem {
  title: string;
  guid?: string;
  link?: string;
  /** RFC 822 date, e.g. `Mon, 02 Mar 2026 08:00:00 GMT`. */
  date?: string;
  body?: string;
  categories?: string[];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An RSS 2.0 feed with the given items, in order. */
export function rssFeed(title: string, items: readonly FixtureItem[]): string {
  const entries = items.map((item) =>
    [
      '    <item>',
      `      <title>${escapeXml(item.title)}</title>`,
      item.guid === undefined ? '' : `      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
      item.link === undefined ? '' : `      <link>${escapeXml(item.link)}</link>`,
      item.date === undefined ? '' : `      <pubDate>${item.date}</pubDate>`,
      ...(item.categories ?? []).map((category) => `      <category>${escapeXml(category)}</category>`),
      `      <description>${escapeXml(item.body ?? `<p>${item.title}</p>`)}</description>`,
      '    </item>',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${escapeXml(title)}</title>`,
    '    <link>https://example.org/</link>',
    '    <description>Test feed</description>',
    ...entries,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

/** Every file under `root` (relative path -> bytes and mtime), to prove a run changed nothing. */
export async function treeSnapshot(root: string): Promise<Map<string, { text: string; mtimeMs: number }>> {
  const out = new Map<string, { text: string; mtimeMs: number }>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.set(relative(root, path), { text: await readFile(path, 'utf8'), mtimeMs: (await stat(path)).mtimeMs });
    }
  };
  await walk(root);
  return out;
}

/** Every file under `root`, as sorted relative paths. */
export async function treeFiles(root: string): Promise<string[]> {
  return [...(await treeSnapshot(root)).keys()].sort();
}
