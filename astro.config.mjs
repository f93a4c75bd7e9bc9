import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { buildPaths } from './src/archive/paths.ts';
import feedshelf from './src/integration/index.ts';
import { markdownConfig } from './src/render/markdown.config.ts';
import { siteConfig } from './src/site.config.ts';

export default defineConfig({
  site: siteConfig.site,
  base: siteConfig.base,
  trailingSlash: 'always',
  outDir: buildPaths.out,
  cacheDir: buildPaths.cache,
  // feedshelf last: it indexes and audits what the others wrote.
  // Earlier versions of edited items are kept out of the sitemap: the item's own page stands for them.
  integrations: [sitemap({ filter: (page) => !new URL(page).pathname.includes('/revisions/') }), feedshelf()],
  // One small stylesheet: inlined, it costs no render-blocking request.
  build: { inlineStylesheets: 'always' },
  markdown: markdownConfig,
  vite: {
    build: {
      // Never inline a script: the Content-Security-Policy allows only external scripts from the site.
      assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
    },
  },
  experimental: {
    incrementalBuild: true,
  },
});
