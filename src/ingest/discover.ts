/**
 * Feed autodiscovery: the feeds a web page names in its
 * `<link rel="alternate" type="application/rss+xml" href="…">` elements (RSS,
 * Atom, JSON Feed), with their hrefs resolved against the page's URL (or its
 * `<base href>`), in document order, each URL once. Pure.
 */
import { Parser } from 'htmlparser2';

/** A feed a page links to. */
export interface FeedLink {
  /** Absolute URL. */
  url: string;
  /** The link's type, lower-case, e.g. `application/atom+xml`. */
  type: string;
  /** The link's title attribute, when it has one. */
  title?: string;
}

/** The types of `<link rel=alternate>` that name a feed. */
export const FEED_LINK_TYPES: readonly string[] = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
];

function isAlternate(rel: string | undefined): boolean {
  return (rel ?? '').toLowerCase().split(/\s+/).includes('alternate');
}

function http(url: string, base: string): string | undefined {
  if (!URL.canParse(url, base)) return undefined;
  const resolved = new URL(url, base);
  return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : undefined;
}

/** The feeds `html`, fetched from `pageUrl`, links to. */
export function feedLinks(html: string, pageUrl: string): FeedLink[] {
  let base = pageUrl;
  let sawBase = false;
  const found: { href: string; type: string; title?: string }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && !sawBase && attributes.href !== undefined) {
          sawBase = true;
          base = http(attributes.href, pageUrl) ?? pageUrl;
          return;
        }
        if (name !== 'link' || !isAlternate(attributes.rel)) return;
        const type = (attributes.type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const href = attributes.href?.trim();
        if (!href || !FEED_LINK_TYPES.includes(type)) return;
        const title = attributes.title?.trim();
        found.push({ href, type, ...(title ? { title } : {}) });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const seen = new Set<string>();
  const links: FeedLink[] = [];
  for (const link of found) {
    const url = http(link.href, base);
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    links.push({ url, type: link.type, ...(link.title ? { title: link.title } : {}) });
  }
  return links;
}
