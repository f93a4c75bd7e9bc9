/**
 * The prerenderer of a partition of the build: Astro's own (given to the
 * factory Astro 7 lets an integration set in astro:build:start), asked for
 * every path of the site and handing back only the partition's
 * (partition.ts). It keeps the whole list too: the partition's manifest names
 * the site by it, and the sitemap lists every page of the site.
 */
import { createHash } from 'node:crypto';
import type { AstroPrerenderer, AstroPrerendererFactory, PathWithRoute } from 'astro';
import { type Partition, rendersPage } from './partition.ts';

/** Every path of the site, as the unpartitioned build would render it. */
export interface SitePaths {
  /** The paths of pages (not endpoints), as Astro names them to integrations: `items/a/b/`, no leading slash. */
  pages: string[];
  /** How many paths the site has, pages and endpoints. */
  paths: number;
  /** SHA-256 of the sorted paths: two partitions with the same digest are of the same site. */
  digest: string;
}

/** Astro's name for a page with `trailingSlash: 'always'` (the integration's setting). */
function pageName(pathname: string): string {
  return pathname.replace(/\/?$/, '/').replace(/^\//, '');
}

/** The site's paths, each once (Astro keeps the first route that claims a path). */
export function sitePaths(paths: readonly PathWithRoute[]): SitePaths {
  const seen = new Map<string, PathWithRoute>();
  for (const path of paths) {
    const normalized = path.pathname.replace(/\/$/, '');
    if (!seen.has(normalized)) seen.set(normalized, path);
  }
  const unique = [...seen.values()];
  const sorted = unique.map((path) => path.pathname).sort();
  const hash = createHash('sha256');
  for (const pathname of sorted) hash.update(`${pathname}\n`);
  return {
    pages: unique.filter((path) => path.route.type === 'page').map((path) => pageName(path.pathname)),
    paths: sorted.length,
    digest: hash.digest('hex'),
  };
}

/**
 * A prerenderer factory for `partition`; `seen` receives the whole site's paths and how many of
 * them are the partition's when Astro asks for them.
 */
export function partitionPrerenderer(
  partition: Partition,
  seen: (site: SitePaths, mine: number) => void,
): AstroPrerendererFactory {
  return (base: AstroPrerenderer): AstroPrerenderer => {
    const prerenderer: AstroPrerenderer = {
      name: `feedshelf-partition-${partition.index}-of-${partition.of}`,
      setup: async () => base.setup?.(),
      getStaticPaths: async () => {
        const result = await base.getStaticPaths();
        const paths = Array.isArray(result) ? result : result.paths;
        const mine = paths.filter((path) => rendersPage(partition, path.pathname));
        seen(sitePaths(paths), sitePaths(mine).paths);
        return Array.isArray(result) ? { paths: mine } : { ...result, paths: mine };
      },
      render: (request, options) => base.render(request, options),
      teardown: async () => base.teardown?.(),
    };
    if (base.collectStaticImages !== undefined) {
      const collect = base.collectStaticImages.bind(base);
      prerenderer.collectStaticImages = () => collect();
    }
    return prerenderer;
  };
}
