/** RSS feeds of archived items through @astrojs/rss: newest `feedSize` items, linking to archive pages. */
import rss from '@astrojs/rss';
import { siteConfig } from '#src/site.config.ts';
import { type Entry, listDigest } from './archive.ts';
import { digestOf } from './digest.ts';
import { href, routes } from './urls.ts';

export interface FeedOptions {
  title: string;
  description: string;
  site: URL | undefined;
  /** Newest first. */
  items: readonly Entry[];
}

export function feedResponse(options: FeedOptions): Promise<Response> {
  if (!options.site)
    throw new Error('Feeds need an absolute site URL: set `site` in src/site.config.ts or FEEDSHELF_SITE.');
  return rss({
    title: options.title,
    description: options.description,
    site: new URL(href(''), options.site).href,
    trailingSlash: true,
    items: options.items.slice(0, siteConfig.feedSize).map((item) => ({
      title: item.data.title,
      link: new URL(href(routes.item(item.id)), options.site).href,
      pubDate: item.data.published,
      description: item.data.summary || undefined,
      categories: item.data.tags,
      ...(item.data.authors.length > 0 ? { customData: authorsXml(item.data.authors) } : {}),
    })),
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/' },
  });
}

function authorsXml(authors: readonly string[]): string {
  return authors.map((name) => `<dc:creator>${escapeXml(name)}</dc:creator>`).join('');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A feed route's cacheKey: changes when the items the feed shows, their sources' names or its title change. */
export function feedCacheKey(items: readonly Entry[], sourceNames: ReadonlyMap<string, string>, name: string): string {
  return digestOf(listDigest(items.slice(0, siteConfig.feedSize), sourceNames), name);
}
