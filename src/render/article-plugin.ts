/**
 * Sätteri HAST plugin for archived articles: images load lazily and decode off
 * the main thread, every table (a GFM one, or one the archive keeps as HTML)
 * scrolls inside its own focusable region instead of widening the page, and
 * the word count becomes `readingMinutes` in the rendered frontmatter, which
 * the render workers store with the article's HTML.
 */
import type { HastPluginDefinition } from 'satteri';
import { countWords, readingMinutes } from './reading-time.ts';

/**
 * A URL an archived page may link or load: http(s), mailto, or one with no
 * scheme (relative, a fragment). The snapshot wrote no other; a hand-edited or
 * older archive file might, and Markdown's own link syntax is not sanitized
 * HTML, so the renderer drops any other scheme itself (control characters and
 * spaces, which browsers ignore inside a scheme, ignored here too).
 */
export function isSafeUrl(url: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip these before reading a scheme
  const scheme = /^([^:/?#]*):/.exec(url.replace(/[\u0000-\u0020\u007f]+/g, ''))?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

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
      filter: ['a'],
      visit(node, ctx) {
        const href = node.properties.href;
        if (typeof href === 'string' && !isSafeUrl(href)) ctx.setProperty(node, 'href', null);
      },
    },
    {
      filter: ['img'],
      visit(node, ctx) {
        const src = node.properties.src;
        if (typeof src === 'string' && !isSafeUrl(src)) ctx.setProperty(node, 'src', null);
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
