import { satteri } from '@astrojs/markdown-satteri';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { articlePlugin } from './src/lib/markdown.ts';
import { siteConfig } from './src/site.config.ts';

export default defineConfig({
  site: siteConfig.site,
  base: siteConfig.base,
  trailingSlash: 'always',
  outDir: process.env.FEEDSHELF_OUT_DIR ?? './dist',
  cacheDir: process.env.FEEDSHELF_CACHE_DIR ?? './node_modules/.astro',
  integrations: [sitemap()],
  // One small stylesheet: inlined, it costs no render-blocking request.
  build: { inlineStylesheets: 'always' },
  markdown: {
    processor: satteri({ hastPlugins: [articlePlugin] }),
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
  vite: {
    build: {
      // Never inline a script: the Content-Security-Policy allows only external scripts from the site.
      assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
    },
  },
  experimental: {
    incrementalBuild: true,
    collectionStorage: 'chunked',
  },
});
