/**
 * The Astro configuration the integration sets, so a user's astro.config.mjs
 * is `integrations: [feedshelf()]` and nothing else: the site's URL and base
 * from feedshelf.config.yaml, the folders of the archive's build, the sitemap,
 * the Markdown settings the article renderer shares, and the few build
 * settings the Content-Security-Policy and the incremental build rely on.
 * Pure: settings in, config out.
 */
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration, HookParameters } from 'astro';
import { buildPaths } from '#src/archive/paths.ts';
import { markdownConfig } from '#src/render/markdown.config.ts';
import type { SiteSettings } from '#src/site-settings.ts';

/** A folder of the build as the URL Astro keeps once it has resolved its config (relative paths are from `root`). */
function folderUrl(path: string, root: URL): URL {
  return new URL(path.endsWith('/') ? path : `${path}/`, root);
}

/** What `updateConfig` takes: Astro's resolved config, in part. */
type ConfigUpdate = Parameters<HookParameters<'astro:config:setup'>['updateConfig']>[0];

/**
 * `renderWorkers`: the threads that render the pages; 1 is Astro's own single-threaded prerenderer.
 * `sitemap`: what a partition of the build makes of the sitemap integration (src/partition/sitemap.ts).
 */
export function feedshelfAstroConfig(
  settings: SiteSettings,
  root: URL,
  renderWorkers = 1,
  sitemapOf: (integration: AstroIntegration) => AstroIntegration = (integration) => integration,
): ConfigUpdate {
  return {
    site: settings.site,
    base: settings.base,
    trailingSlash: 'always',
    // URLs: Astro has resolved the user's paths by the time an integration sets these.
    outDir: folderUrl(buildPaths.out, root),
    cacheDir: folderUrl(buildPaths.cache, root),
    // Earlier versions of edited items are kept out of the sitemap: the item's own page stands for them.
    integrations: [sitemapOf(sitemap({ filter: (page) => !new URL(page).pathname.includes('/revisions/') }))],
    // The stylesheet as a file of its own, fetched once and cached: inlined, its 10 kB were half of
    // every article page's bytes (a site's weight is what its host limits).
    build: { inlineStylesheets: 'never' },
    markdown: markdownConfig,
    vite: {
      // The pages read the settings from feedshelf.config.yaml at run time, which Astro's incremental
      // build cannot see. As a define they enter its config hash, so changing the title, the
      // language or any other setting renders every page again instead of keeping stale ones.
      define: { __FEEDSHELF_SETTINGS__: JSON.stringify(JSON.stringify(settings)) },
      build: {
        // Never inline a script: the Content-Security-Policy allows only external scripts from the site.
        assetsInlineLimit: (file: string) => (file.endsWith('.js') ? false : undefined),
      },
    },
    // One thread: the incremental build re-renders only the pages whose inputs changed. Several:
    // each worker thread loads the built page modules and renders its share, and Astro writes the
    // files, so the output is the same bytes; but every build renders every page, since Astro's
    // parallel prerenderer (experimental in 7.4) does not yet tell the changed pages right in an
    // incremental build (it skipped changed pages in our tests).
    experimental:
      renderWorkers > 1
        ? { incrementalBuild: false, parallelPrerender: { workers: renderWorkers } }
        : { incrementalBuild: true, parallelPrerender: false },
  };
}
