// The site: feedshelf's Astro integration sets everything else (pages, Markdown, sitemap, search)
// from feedshelf.config.yaml. Add Astro options or other integrations here as for any Astro site.
import { defineConfig } from 'astro/config';
import feedshelf from 'feedshelf';

export default defineConfig({
  integrations: [feedshelf()],
});
