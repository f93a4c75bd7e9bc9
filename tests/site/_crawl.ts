/** Reads a built site: its pages, the links and elements in each, resolved to files. */
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

export interface Page {
  /** URL path, e.g. "/sub/tags/python/". */
  url: string;
  file: string;
  tree: Root;
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** "items/a/b/index.html" -> "/base/items/a/b/"; "404.html" -> "/base/404.html". */
export function urlOf(file: string, base: string): string {
  return `${base}${file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file}`;
}

export async function readPages(dist: string, base: string): Promise<Page[]> {
  const parser = unified().use(rehypeParse);
  const files = (await listFiles(dist)).filter((file) => file.endsWith('.html'));
  return Promise.all(
    files.map(async (file) => ({
      url: urlOf(file, base),
      file,
      tree: parser.parse(await readFile(join(dist, file), 'utf8')),
    })),
  );
}

export function elements(tree: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node);
  });
  return found;
}

export function attribute(element: Element, name: string): string | undefined {
  const value = element.properties[name];
  if (Array.isArray(value)) return value.join(' ');
  return value === undefined || value === null ? undefined : String(value);
}

/** Every href and src on a page. */
export function linksOf(page: Page): string[] {
  const links: string[] = [];
  for (const element of elements(page.tree, () => true)) {
    for (const name of ['href', 'src']) {
      const value = attribute(element, name);
      if (value !== undefined) links.push(value);
    }
  }
  return links;
}

/** Internal link targets (same origin), as URL paths without query or fragment. */
export function internalPath(link: string, from: string): string | undefined {
  const url = new URL(link, `http://site.test${from}`);
  return url.origin === 'http://site.test' ? decodeURIComponent(url.pathname) : undefined;
}

/** The file a URL path maps to under dist with the given base, or undefined when none exists. */
export function fileFor(dist: string, base: string, path: string): string | undefined {
  if (!path.startsWith(base)) return undefined;
  const rest = path.slice(base.length);
  const candidate = join(dist, rest);
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  return existsSync(index) ? index : undefined;
}

export function textOf(element: Element): string {
  let text = '';
  visit(element, 'text', (node: { value: string }) => {
    text += node.value;
  });
  return text;
}
