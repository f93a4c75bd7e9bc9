/** A feed's include and exclude filters (feeds.yaml), over an entry's title and categories. Pure. */
import type { FeedConfig, FeedFilter } from './config.ts';
import type { FeedEntry } from './types.ts';

function matchesFilter(entry: FeedEntry, filter: FeedFilter): boolean {
  const title = entry.title ?? '';
  if (filter.title?.some((source) => new RegExp(source, 'iu').test(title))) return true;
  const tags = new Set(entry.categories.map((tag) => tag.toLowerCase()));
  return filter.tags?.some((tag) => tags.has(tag.toLowerCase())) ?? false;
}

/** Include keeps only matching entries; exclude then drops matching ones. */
export function passesFilters(entry: FeedEntry, feed: Pick<FeedConfig, 'include' | 'exclude'>): boolean {
  if (feed.include && !matchesFilter(entry, feed.include)) return false;
  if (feed.exclude && matchesFilter(entry, feed.exclude)) return false;
  return true;
}
