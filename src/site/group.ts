/**
 * Grouping of items by tag, author, source, year and month. Each group has a
 * URL slug, a display name and its items newest first; groups come sorted by slug.
 */

import { type ArchiveItem, sortNewest } from './items.ts';
import { authorSlug, tagSlug } from './urls.ts';

export interface Group<T extends ArchiveItem> {
  slug: string;
  name: string;
  items: T[];
}

interface Bucket<T> {
  items: T[];
  names: Map<string, number>;
}

/** The display name for a slug: the spelling used most often, then the first in code-point order. */
function preferredName(names: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [name, count] of names) {
    if (count > bestCount || (count === bestCount && name < best)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

/** Groups items under every key `keysOf` gives; keys that share a slug share a group. */
export function groupBy<T extends ArchiveItem>(
  items: readonly T[],
  keysOf: (item: T) => readonly string[],
  slugOf: (key: string) => string,
): Group<T>[] {
  const buckets = new Map<string, Bucket<T>>();
  for (const item of items) {
    const seen = new Set<string>();
    for (const key of keysOf(item)) {
      const slug = slugOf(key);
      if (seen.has(slug)) continue;
      seen.add(slug);
      const bucket = buckets.get(slug) ?? { items: [], names: new Map<string, number>() };
      bucket.items.push(item);
      bucket.names.set(key, (bucket.names.get(key) ?? 0) + 1);
      buckets.set(slug, bucket);
    }
  }
  return [...buckets.keys()].sort().map((slug) => {
    const bucket = buckets.get(slug) as Bucket<T>;
    return { slug, name: preferredName(bucket.names), items: sortNewest(bucket.items) };
  });
}

export function groupByTag<T extends ArchiveItem>(items: readonly T[]): Group<T>[] {
  return groupBy(items, (item) => item.data.tags, tagSlug);
}

export function groupByAuthor<T extends ArchiveItem>(items: readonly T[]): Group<T>[] {
  return groupBy(items, (item) => item.data.authors, authorSlug);
}

/** Feed ids are slugs already; the name is the id until the page adds the feed title. */
export function groupBySource<T extends ArchiveItem>(items: readonly T[]): Group<T>[] {
  return groupBy(
    items,
    (item) => [item.data.source],
    (id) => id,
  );
}

/** Year of publication in UTC, "2026". */
export function groupByYear<T extends ArchiveItem>(items: readonly T[]): Group<T>[] {
  return groupBy(
    items,
    (item) => [String(item.data.published.getUTCFullYear())],
    (year) => year,
  );
}

/** Month of publication in UTC; slug and name "2026/03". */
export function groupByMonth<T extends ArchiveItem>(items: readonly T[]): Group<T>[] {
  return groupBy(
    items,
    (item) => [monthKey(item.data.published)],
    (month) => month,
  );
}

export function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Largest group first, then by slug. */
export function sortByCount<T extends ArchiveItem>(groups: readonly Group<T>[]): Group<T>[] {
  return [...groups].sort((a, b) => b.items.length - a.items.length || (a.slug < b.slug ? -1 : 1));
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Alphabetical by display name, then by slug. */
export function sortByName<T extends ArchiveItem>(groups: readonly Group<T>[]): Group<T>[] {
  return [...groups].sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
}
