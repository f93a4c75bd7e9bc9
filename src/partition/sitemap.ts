/**
 * The sitemap of a partitioned build: @astrojs/sitemap lists the pages Astro
 * rendered, which in a partition are a share of the site. So the first
 * partition alone writes it, from every page of the site (prerenderer.ts),
 * and it is the same file a single build writes (the sitemap sorts its URLs);
 * the other partitions write none.
 */
import type { AstroIntegration } from 'astro';
import type { Partition } from './partition.ts';
import type { SitePaths } from './prerenderer.ts';

export function partitionSitemap(
  sitemap: AstroIntegration,
  partition: Partition,
  site: () => SitePaths | undefined,
): AstroIntegration {
  const done = sitemap.hooks['astro:build:done'];
  if (done === undefined) return sitemap;
  return {
    ...sitemap,
    hooks: {
      ...sitemap.hooks,
      'astro:build:done': async (params) => {
        if (partition.index !== 1) return;
        const paths = site();
        if (paths === undefined) throw new Error('The partition was built without its list of the site’s pages.');
        await done({ ...params, pages: paths.pages.map((pathname) => ({ pathname })) });
      },
    },
  };
}
