/**
 * The site's URL scheme, in one place. Paths are relative to the base path;
 * `href` joins them with Astro's BASE_URL so every link respects a sub-path.
 */
import { avoidReserved } from '#src/archive/segment.ts';
import { slugify } from '#src/archive/slug.ts';

/** Joins a base path ("/" or "/sub/") and a site path ("tags/x/"). */
export function withBase(base: string, path: string): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return `${prefix}${path.replace(/^\/+/, '')}`;
}

/** A site path as an href under the configured base path. */
export function href(path: string): string {
  return withBase(import.meta.env.BASE_URL, path);
}

function paged(path: string, page: number, separator = ''): string {
  return page <= 1 ? path : `${path}${separator}${page}/`;
}

function encodeId(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

/** Path segments under tags/ taken by pages of their own; no tag slug may be one (see tagSlug). */
export const TAG_RESERVED_SEGMENTS: readonly string[] = ['by-name'];

/** Site paths (no leading slash, trailing slash on pages). */
export const routes = {
  home: (page = 1): string => paged('', page, 'page/'),
  item: (id: string): string => `items/${encodeId(id)}/`,
  /** An earlier version of an item, as archived; n from 1. */
  revision: (id: string, n: number): string => `revisions/${encodeId(id)}/${n}/`,
  /** What changed between an item's version n and the one after it. */
  revisionChanges: (id: string, n: number): string => `revisions/${encodeId(id)}/${n}/changes/`,
  /** The sharing card of an article without an image of its own (src/site/og-card.ts). */
  ogCard: (id: string): string => `og/${encodeId(id)}.png`,
  tags: (): string => 'tags/',
  tagsByName: (): string => 'tags/by-name/',
  tag: (slug: string, page = 1): string => paged(`tags/${slug}/`, page),
  tagFeed: (slug: string): string => `tags/${slug}/rss.xml`,
  authors: (): string => 'authors/',
  author: (slug: string, page = 1): string => paged(`authors/${slug}/`, page),
  sources: (): string => 'sources/',
  source: (id: string, page = 1): string => paged(`sources/${id}/`, page),
  sourceFeed: (id: string): string => `sources/${id}/rss.xml`,
  archive: (): string => 'archive/',
  year: (year: string, page = 1): string => paged(`archive/${year}/`, page, 'page/'),
  month: (year: string, month: string, page = 1): string => paged(`archive/${year}/${month}/`, page),
  stats: (): string => 'stats/',
  search: (): string => 'search/',
  feed: (): string => 'rss.xml',
  opml: (): string => 'sources.opml',
};

const RESERVED_SUFFIX = '-tag';

const isTagPage = (stem: string): boolean => TAG_RESERVED_SEGMENTS.includes(stem);

/**
 * The URL slug of a tag: its slugify slug (bounded, safe as a folder name),
 * kept off pages under tags/ with a `-tag` suffix: `by-name` becomes
 * `by-name-tag`, `by-name-tag` becomes `by-name-tag-tag`, so two tags never meet.
 */
export function tagSlug(name: string): string {
  return avoidReserved(slugify(name), isTagPage, RESERVED_SUFFIX);
}

/** The URL slug of an author: the slugify slug, bounded and safe as a folder name. */
export function authorSlug(name: string): string {
  return slugify(name);
}
