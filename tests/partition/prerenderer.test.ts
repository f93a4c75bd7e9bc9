/**
 * The pieces a partition of the build plugs into Astro: the prerenderer hands
 * Astro only the partition's paths and reports the whole site's; the sitemap
 * is written by the first partition alone, of every page; and the
 * integration refuses a partition rendered on several threads.
 */
import type { AstroIntegration, AstroPrerenderer, PathWithRoute } from 'astro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import feedshelf from '#src/integration/index.ts';
import { partitionPrerenderer, type SitePaths, sitePaths } from '#src/partition/prerenderer.ts';
import { partitionSitemap } from '#src/partition/sitemap.ts';

const path = (pathname: string, type: 'page' | 'endpoint' = 'page') =>
  ({ pathname, route: { type, route: pathname } }) as unknown as PathWithRoute;

const PATHS = [
  path('/'),
  path('/items/a/one/'),
  path('/items/a/two/'),
  path('/og/a/one.png', 'endpoint'),
  path('/tags/rust/'),
  path('/tags/rust'),
  path('/rss.xml', 'endpoint'),
];

describe('sitePaths', () => {
  it('names every page once, as Astro names pages to integrations, and digests the paths', () => {
    const site = sitePaths(PATHS);
    expect(site.pages).toEqual(['', 'items/a/one/', 'items/a/two/', 'tags/rust/']);
    expect(site.paths).toBe(6);
    expect(site.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(sitePaths([...PATHS.slice(1), PATHS[0] as PathWithRoute]).digest).toBe(site.digest);
    expect(sitePaths(PATHS.slice(1)).digest).not.toBe(site.digest);
  });
});

describe('partitionPrerenderer', () => {
  it("gives Astro only the partition's paths, and the whole site's to the build", async () => {
    const render = vi.fn();
    const base: AstroPrerenderer = {
      name: 'base',
      getStaticPaths: async () => ({ paths: PATHS, metadata: { staticImages: [] } as never }),
      render,
    };
    const seen: { site: SitePaths; mine: number }[] = [];
    const all: string[] = [];
    const byPartition: string[][] = [];
    for (const index of [1, 2]) {
      const prerenderer = partitionPrerenderer({ index, of: 2 }, (site, mine) => seen.push({ site, mine }))(base, {
        outputDirectories: {} as never,
      });
      expect(prerenderer.name).toBe(`feedshelf-partition-${index}-of-2`);
      const result = await prerenderer.getStaticPaths();
      const paths = Array.isArray(result) ? result : result.paths;
      all.push(...paths.map((p) => p.pathname));
      byPartition.push(paths.map((p) => p.pathname));
      expect(Array.isArray(result) ? undefined : result.metadata).toEqual({ staticImages: [] });
    }
    expect(all.sort()).toEqual(PATHS.map((p) => p.pathname).sort());
    expect(seen.map((s) => s.site)).toEqual([sitePaths(PATHS), sitePaths(PATHS)]);
    // The site's six paths between them (the second /tags/rust is the same page), an article with its card.
    expect(seen.map((s) => s.mine).reduce((a, b) => a + b, 0)).toBe(6);
    const withArticle = byPartition.find((paths) => paths.includes('/items/a/one/'));
    expect(withArticle).toContain('/og/a/one.png');
    expect(render).not.toHaveBeenCalled();
  });
});

describe('partitionSitemap', () => {
  const site: SitePaths = { pages: ['', 'items/a/one/'], paths: 3, digest: 'd' };
  const done = vi.fn();
  const sitemap: AstroIntegration = { name: '@astrojs/sitemap', hooks: { 'astro:build:done': done } };
  const params = { pages: [{ pathname: 'items/a/one/' }], dir: new URL('file:///tmp/'), assets: new Map(), logger: {} };

  it('writes the whole site’s sitemap in the first partition, and none in the others', async () => {
    await partitionSitemap(sitemap, { index: 2, of: 2 }, () => site).hooks['astro:build:done']?.(params as never);
    expect(done).not.toHaveBeenCalled();
    await partitionSitemap(sitemap, { index: 1, of: 2 }, () => site).hooks['astro:build:done']?.(params as never);
    expect(done).toHaveBeenCalledWith({ ...params, pages: [{ pathname: '' }, { pathname: 'items/a/one/' }] });
  });
});

describe('the integration', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuses a partition rendered on several threads, and a partition that is not I/N', () => {
    vi.stubEnv('FEEDSHELF_PARTITION', '1/2');
    expect(() => feedshelf({ renderWorkers: 2 })).toThrow(
      'A partition of the build (1/2) renders its pages on one thread, not 2.',
    );
    expect(feedshelf().name).toBe('feedshelf');
    vi.stubEnv('FEEDSHELF_PARTITION', '3/2');
    expect(() => feedshelf()).toThrow('FEEDSHELF_PARTITION: A partition is I/N');
  });
});
