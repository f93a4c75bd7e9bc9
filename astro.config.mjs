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
  markdown: {
    processor: satteri({ hastPlugins: [articlePlugin] }),
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
  experimental: {
    incrementalBuild: true,
    collectionStorage: 'chunked',
  },
});
