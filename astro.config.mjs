import { satteri } from '@astrojs/markdown-satteri';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { articlePlugin } from './src/lib/markdown.ts';
import { siteConfig } from './src/site.config.ts';

/**
 * With `deferRender`, Astro imports every archived item twice during the build: as the Markdown
 * module and as a `?astroPropagatedAssets` wrapper of it. Astro's Markdown plugin renders the
 * wrapper's source too (Sätteri and both Shiki themes), and the content-assets transform then
 * replaces that code with a wrapper that imports the real module. Loading the wrapper's source as
 * an empty module first skips the second rendering, about half of the build's CPU time.
 */
const propagatedMarkdown = /\.md\?(?:.*&)?astroPropagatedAssets(?:&|=|$)/;
function skipPropagatedMarkdownRender() {
  return {
    name: 'feedshelf:skip-propagated-markdown-render',
    apply: 'build',
    load: {
      order: 'pre',
      filter: { id: propagatedMarkdown },
      handler() {
        return {
          code: 'export {};',
          meta: {
            astro: {
              hydratedComponents: [],
              clientOnlyComponents: [],
              serverComponents: [],
              scripts: [],
              propagation: 'none',
              containsHead: false,
              pageOptions: {},
            },
            vite: { lang: 'ts' },
          },
        };
      },
    },
  };
}

/**
 * Shiki stops tokenising a line after 500 ms by default and leaves the rest uncoloured, so a busy
 * machine could change the output. No limit: the same input gives the same bytes.
 */
const untimedTokenizer = {
  name: 'feedshelf:untimed-tokenizer',
  preprocess(code, options) {
    options.tokenizeTimeLimit = 0;
    return code;
  },
};

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
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' }, transformers: [untimedTokenizer] },
  },
  vite: {
    plugins: [skipPropagatedMarkdownRender()],
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
