/** Small feed documents and folder snapshots shared by the fault tests. */
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { type Item, ItemSchema } from '#src/archive/schema.ts';

/**
 * A fresh scratch folder, on tmpfs when the machine has one: these tests are
 * about what is written, not about the disk, and thousands of fsyncs on a
 * shared disk would only make them slow.
 */
export function scratchDir(prefix: string): Promise<string> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtemp(join(base, prefix));
}

/** An RSS 2.0 document with `count` items, each with a stable guid and date. */
export function rss(name: string, count: number, itemBody: (i: number) => string = (i) => `<p>Item ${i}</p>`): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>${name} item ${i}</title><link>https://${name}.example/${i}</link><guid>https://${name}.example/${i}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1, 0, i)).toUTCString()}</pubDate><description><![CDATA[${itemBody(i)}]]></description></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${name}</title><link>https://${name}.example/</link><description>d</description>\n${items.join('\n')}\n</channel></rss>\n`;
}

/** Every file under `root` (relative path -> size and a content fingerprint), for before/after comparisons. */
export async function snapshotTree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const rel = relative(root, path);
    const info = await lstat(path);
    if (entry.isFile()) {
      const bytes = await readFile(path);
      files.set(rel, `${info.size}:${bytes.subarray(0, 64).toString('hex')}:${info.mtimeMs}`);
    } else files.set(rel, entry.isDirectory() ? 'dir' : 'other');
  }
  return files;
}

/** Names under `root` whose files are Markdown items, sorted. */
export async function markdownFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** Reads every item under `itemsDir`, validating each against ItemSchema; throws naming the first bad file. */
export async function readItems(itemsDir: string): Promise<Map<string, { item: Item; body: string; text: string }>> {
  const items = new Map<string, { item: Item; body: string; text: string }>();
  for (const file of await markdownFiles(itemsDir)) {
    const text = await readFile(join(itemsDir, file), 'utf8');
    const { frontmatter, body } = parseItemFile(text);
    const result = ItemSchema.safeParse(frontmatter);
    if (!result.success) throw new Error(`${file} does not match ItemSchema: ${result.error.message}`);
    items.set(file, { item: result.data, body, text });
  }
  return items;
}
