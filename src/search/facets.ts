/**
 * What an article contributes to the search index besides its text: the
 * filters (tag, source, author, year), the date sort key and the metadata a
 * result shows. Pure, so the article page and the benchmark share it.
 */
import type { Item } from '#src/archive/schema.ts';

export interface SearchFacets {
  /** [filter, value] pairs; a key repeats for each tag or author. */
  filters: [string, string][];
  /** Full ISO timestamp: sorts as text in date order. */
  sortDate: string;
  /** [meta key, value] pairs; empty values are left out. */
  meta: [string, string][];
}

export function searchFacets(item: Item, sourceTitle?: string): SearchFacets {
  const source = sourceTitle ?? item.source;
  const iso = item.published.toISOString();
  const filters: [string, string][] = [
    ...item.tags.map((tag): [string, string] => ['tag', tag]),
    ['source', source],
    ...item.authors.map((author): [string, string] => ['author', author]),
    ['year', iso.slice(0, 4)],
  ];
  const meta: [string, string][] = [
    ['title', item.title],
    ['date', iso.slice(0, 10)],
    ['source', source],
  ];
  if (item.authors.length > 0) meta.push(['author', item.authors.join(', ')]);
  if (item.image) meta.push(['image', item.image]);
  return { filters, sortDate: iso, meta };
}
