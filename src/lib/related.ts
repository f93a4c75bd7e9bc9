/**
 * Related items and previous/next within a source. Deterministic: ties are
 * broken by date, then id.
 */
import type { Group } from './group.ts';
import { type ArchiveItem, compareNewest } from './items.ts';
import { slugify } from './slug.ts';

/** Up to `limit` items sharing the most tags with `target`, then newest, then by id. */
export function relatedItems<T extends ArchiveItem>(
  target: T,
  tagGroups: ReadonlyMap<string, Group<T>>,
  limit = 5,
): T[] {
  const shared = new Map<string, { item: T; count: number }>();
  const slugs = new Set(target.data.tags.map(slugify));
  for (const slug of slugs) {
    for (const item of tagGroups.get(slug)?.items ?? []) {
      if (item.id === target.id) continue;
      const entry = shared.get(item.id) ?? { item, count: 0 };
      entry.count += 1;
      shared.set(item.id, entry);
    }
  }
  return [...shared.values()]
    .sort((a, b) => b.count - a.count || compareNewest(a.item, b.item))
    .slice(0, limit)
    .map((entry) => entry.item);
}

export interface Neighbours<T> {
  /** The next older item from the same source. */
  previous?: T;
  /** The next newer item from the same source. */
  next?: T;
}

/** Previous/next for every item, from source groups whose items are newest first. */
export function neighboursBySource<T extends ArchiveItem>(sources: readonly Group<T>[]): Map<string, Neighbours<T>> {
  const result = new Map<string, Neighbours<T>>();
  for (const group of sources) {
    group.items.forEach((item, index) => {
      result.set(item.id, { previous: group.items[index + 1], next: group.items[index - 1] });
    });
  }
  return result;
}
