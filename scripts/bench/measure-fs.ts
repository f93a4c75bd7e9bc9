/** Sizes of a built site: pages, bytes of dist/, bytes of the Pagefind bundle, and dist/ by kind. */
import type { OutputSize } from '#src/integration/output-size.ts';
import { measureOutput } from '#src/integration/output-size-fs.ts';

export interface SiteSize {
  /** HTML pages in dist/, outside the Pagefind bundle. */
  pages: number;
  /** Bytes of every file in dist/, the Pagefind bundle included. */
  distBytes: number;
  /** Bytes of dist/pagefind/. */
  pagefindBytes: number;
  /** dist/ by kind: pages, search index, images, other assets. */
  output: OutputSize;
}

export async function measureSite(dist: string): Promise<SiteSize> {
  const output = await measureOutput(dist);
  return {
    pages: output.kinds.html.files,
    distBytes: output.bytes,
    pagefindBytes: output.kinds.search.bytes,
    output,
  };
}
