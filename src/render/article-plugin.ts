/**
 * Sätteri HAST plugin for archived articles: images load lazily and decode off
 * the main thread, and the word count becomes `readingMinutes` in the rendered
 * frontmatter, which the render workers store with the article's HTML.
 */
import type { HastPluginDefinition } from 'satteri';
import { countWords, readingMinutes } from './reading-time.ts';

export const articlePlugin: HastPluginDefinition = {
  name: 'feedshelf-article',
  element: {
    filter: ['img'],
    visit(node, ctx) {
      ctx.setProperty(node, 'loading', 'lazy');
      ctx.setProperty(node, 'decoding', 'async');
    },
  },
  after(root, ctx) {
    const astro = ctx.data.astro;
    if (typeof astro !== 'object' || astro === null || !('frontmatter' in astro)) return;
    const frontmatter = astro.frontmatter;
    if (typeof frontmatter !== 'object' || frontmatter === null) return;
    Object.assign(frontmatter, { readingMinutes: readingMinutes(countWords(ctx.textContent(root))) });
  },
};
