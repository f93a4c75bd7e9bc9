/**
 * Sätteri HAST plugin for archived articles: images after the first load
 * lazily (the first, likely in view, loads at once) and all decode off the main thread, every table (a GFM one, or one the archive keeps as HTML)
 * scrolls inside its own focusable region instead of widening the page, and
 * the word count becomes `readingMinutes` in the rendered frontmatter, which
 * the render workers store with the article's HTML.
 */
import type { Element, Text } from 'hast';
import type { HastPluginDefinition } from 'satteri';
import type { LocalImage } from '#src/archive/media.ts';
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

type Data = Record<string, unknown>;

/** The copy the archive holds of an image, from the render's frontmatter (the loader's lookup). */
function archivedCopy(data: Data, src: string): { src: string; width: number; height: number } | undefined {
  const frontmatter = (data.astro as { frontmatter?: { media?: unknown } } | undefined)?.frontmatter;
  const media = frontmatter?.media as { base: string; images: Record<string, LocalImage> } | undefined;
  const image = media?.images[src];
  return image ? { src: `${media.base}${image.path}`, width: image.width, height: image.height } : undefined;
}

/** The original URLs of the images shown from the archive's copies, in order, kept in the render's data. */
function originals(data: Data): Set<string> {
  let found = data.feedshelfOriginals as Set<string> | undefined;
  if (!found) {
    found = new Set();
    data.feedshelfOriginals = found;
  }
  return found;
}

/** "Where the images came from": each original URL, a link, after the article. */
function imageSources(urls: readonly string[]): Element {
  const text = (value: string): Text => ({ type: 'text', value });
  return {
    type: 'element',
    tagName: 'details',
    // A list of addresses, not the article's text: search neither matches nor quotes it.
    properties: { className: ['image-sources'], dataPagefindIgnore: '' },
    children: [
      {
        type: 'element',
        tagName: 'summary',
        properties: {},
        children: [text(`Images archived from the publisher (${urls.length})`)],
      },
      {
        type: 'element',
        tagName: 'ol',
        properties: {},
        children: urls.map((url) => ({
          type: 'element',
          tagName: 'li',
          properties: {},
          children: [{ type: 'element', tagName: 'a', properties: { href: url }, children: [text(url)] }],
        })),
      },
    ],
  };
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
        const copy = typeof src === 'string' ? archivedCopy(ctx.data, src) : undefined;
        if (copy && typeof src === 'string') {
          // The archive's own copy, sized so nothing moves as it loads; the original stays named below the article.
          ctx.setProperty(node, 'src', copy.src);
          ctx.setProperty(node, 'width', copy.width);
          ctx.setProperty(node, 'height', copy.height);
          ctx.setProperty(node, 'dataOriginal', src);
          originals(ctx.data).add(src);
        }
        if (ctx.data.feedshelfFirstImage === undefined) ctx.data.feedshelfFirstImage = true;
        else ctx.setProperty(node, 'loading', 'lazy');
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
    const shown = [...originals(ctx.data)];
    if (shown.length > 0) ctx.appendChild(root, imageSources(shown));
    const astro = ctx.data.astro;
    if (typeof astro !== 'object' || astro === null || !('frontmatter' in astro)) return;
    const frontmatter = astro.frontmatter;
    if (typeof frontmatter !== 'object' || frontmatter === null) return;
    Object.assign(frontmatter, { readingMinutes: readingMinutes(countWords(ctx.textContent(root))) });
  },
};
