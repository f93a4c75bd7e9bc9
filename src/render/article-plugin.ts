/**
 * Sätteri HAST plugin for archived articles: images load lazily and decode off
 * the main thread, every table (a GFM one, or one the archive keeps as HTML)
 * scrolls inside its own focusable region instead of widening the page, and
 * the word count becomes `readingMinutes` in the rendered frontmatter, which
 * the render workers store with the article's HTML.
 */
import type { HastPluginDefinition } from 'satteri';
import { countWords, readingMinutes } from './reading-time.ts';

/** The scroll region around a table: keyboard users can focus it and scroll, screen readers name it. */
const SCROLL_REGION = {
  className: ['table-scroll'],
  tabIndex: 0,
  role: 'region',
  ariaLabel: 'Table, scrolls sideways',
};
const SCROLL_OPEN = '<div class="table-scroll" tabindex="0" role="region" aria-label="Table, scrolls sideways">';

export const articlePlugin: HastPluginDefinition = {
  name: 'feedshelf-article',
  element: [
    {
      filter: ['img'],
      visit(node, ctx) {
        ctx.setProperty(node, 'loading', 'lazy');
        ctx.setProperty(node, 'decoding', 'async');
      },
    },
    {
      filter: ['table'],
      visit(node, ctx) {
        const parent = ctx.parent(node);
        if (parent?.type === 'element' && parent.tagName === 'div') return;
        ctx.wrapNode(node, { type: 'element', tagName: 'div', properties: SCROLL_REGION, children: [] });
      },
    },
  ],
  raw(node, ctx) {
    // A table the archive keeps as HTML (spans, blocks in cells) reaches the page as raw HTML.
    if (/^\s*<table[\s>]/i.test(node.value)) {
      ctx.replaceNode(node, { type: 'raw', value: `${SCROLL_OPEN}${node.value}</div>` });
    }
  },
  after(root, ctx) {
    const astro = ctx.data.astro;
    if (typeof astro !== 'object' || astro === null || !('frontmatter' in astro)) return;
    const frontmatter = astro.frontmatter;
    if (typeof frontmatter !== 'object' || frontmatter === null) return;
    Object.assign(frontmatter, { readingMinutes: readingMinutes(countWords(ctx.textContent(root))) });
  },
};
