/**
 * RSS feeds of archived items through @astrojs/rss: newest `feedSize` items, linking to archive
 * pages, each with the archive's copy of its lead image as a Media RSS thumbnail; the channel
 * names the site's language.
 */
import rss from '@astrojs/rss';
import type { LocalImage } from '#src/archive/media.ts';
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
  /** The archive's copy of an item's lead image (Archive.leadImage). */
  leadImage: (item: Entry) => LocalImage | undefined;
}

export function feedResponse(options: FeedOptions): Promise<Response> {
  if (!options.site)
    throw new Error('Feeds need an absolute site URL: set `site` in feedshelf.config.yaml or FEEDSHELF_SITE.');
  return rss({
    title: options.title,
    description: options.description,
    site: new URL(href(''), options.site).href,
    trailingSlash: true,
    items: options.items.slice(0, siteConfig.feedSize).map((item) => {
      const image = options.leadImage(item);
      const site = options.site as URL;
      const customData = authorsXml(item.data.authors) + (image ? thumbnailXml(image, site) : '');
      return {
        title: item.data.title,
        link: new URL(href(routes.item(item.id)), site).href,
        pubDate: item.data.published,
        description: item.data.summary || undefined,
        categories: item.data.tags,
        ...(customData ? { customData } : {}),
      };
    }),
    customData: `<language>${escapeXml(siteConfig.lang)}</language>`,
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/', media: 'http://search.yahoo.com/mrss/' },
  });
}

/** `<media:thumbnail>` of an archived image, at its absolute URL on the site. */
function thumbnailXml(image: LocalImage, site: URL): string {
  const url = new URL(href(image.path), site).href;
  return `<media:thumbnail url="${escapeXml(url)}" width="${image.width}" height="${image.height}"/>`;
}

function authorsXml(authors: readonly string[]): string {
  return authors.map((name) => `<dc:creator>${escapeXml(name)}</dc:creator>`).join('');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A feed route's cacheKey: changes when the items the feed shows, their sources' names, their
 * archived lead images or its title change.
 */
export function feedCacheKey(
  items: readonly Entry[],
  sourceNames: ReadonlyMap<string, string>,
  name: string,
  leadImage: FeedOptions['leadImage'],
): string {
  const shown = items.slice(0, siteConfig.feedSize);
  const images = shown.map((item) => leadImage(item)?.path ?? null);
  const key = listDigest(shown, sourceNames);
  return images.some((path) => path !== null) ? digestOf(key, name, images) : digestOf(key, name);
}
