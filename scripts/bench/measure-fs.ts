/** Sizes of a built site: pages, bytes of dist/, bytes of the Pagefind bundle. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface SiteSize {
  /** HTML pages in dist/, outside the Pagefind bundle. */
  pages: number;
  /** Bytes of every file in dist/, the Pagefind bundle included. */
  distBytes: number;
  /** Bytes of dist/pagefind/. */
  pagefindBytes: number;
}

export async function measureSite(dist: string): Promise<SiteSize> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const pagefind = join(dist, 'pagefind');
  const size: SiteSize = { pages: 0, distBytes: 0, pagefindBytes: 0 };
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = (await stat(path)).size;
    size.distBytes += bytes;
    const inBundle = entry.parentPath === pagefind || entry.parentPath.startsWith(`${pagefind}/`);
    if (inBundle) size.pagefindBytes += bytes;
    else if (entry.name.endsWith('.html')) size.pages += 1;
  }
  return size;
}
