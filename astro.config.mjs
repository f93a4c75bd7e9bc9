// The project's own site, the sample archive, built through the same integration a user installs:
// everything it sets (site settings from feedshelf.config.yaml, pages, Markdown, sitemap) is in it.
import { defineConfig } from 'astro/config';
import feedshelf from './src/integration/index.ts';

export default defineConfig({
  integrations: [feedshelf()],
});
