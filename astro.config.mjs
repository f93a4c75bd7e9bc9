import { defineConfig } from 'astro/config';
import { siteConfig } from './src/site.config.ts';

export default defineConfig({
  site: siteConfig.site,
  base: siteConfig.base,
  trailingSlash: 'always',
  outDir: process.env.FEEDSHELF_OUT_DIR ?? './dist',
  cacheDir: process.env.FEEDSHELF_CACHE_DIR ?? './node_modules/.astro',
  markdown: {
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
});
