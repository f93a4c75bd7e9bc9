/**
 * Related items and previous/next within a source. Deterministic: ties are
 * broken by closeness in date, then id.
 */
import type { Group } from './group.ts';
import { type ArchiveItem, compareNewest } from './items.ts';
import { tagSlug } from './urls.ts';

/**
 * How many items of one tag are read around the target: the nearest in date on
 * either side. Bounds the work per item however large a tag grows.
 */
export const CANDIDATES_PER_TAG = 200;

interface Candidate<T> {
  item: T;
  count: number;
  /** Milliseconds between the candidate's and the target's publication. */
  distance: number;
}

/** True when `a` ranks before `b`: more shared tags, then nearer in date, then smaller id. */
function ranksBefore<T extends ArchiveItem>(a: Candidate<T>, b: Candidate<T>): boolean {
  if (a.count !== b.count) return a.count > b.count;
  if (a.distance !== b.distance) return a.distance < b.distance;
  return a.item.id < b.item.id;
}

/** The index of the first item in `items` (newest first) that does not sort before `target`. */
function positionOf<T extends ArchiveItem>(items: readonly T[], target: ArchiveItem): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNewest(items[middle] as T, target) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * How many related items an article page shows as cards: one row of a wide
 * screen. Each card weighs about half a kilobyte on every article page.
 */
export const RELATED_LIMIT = 3;

/**
 * Up to `limit` items sharing the most tags with `target`, then nearest in date
 * to it, then by id. Each tag contributes its `CANDIDATES_PER_TAG` items nearest
 * in date, so newer items never displace an old item's related list unless they
 * fall within that window.
 */
export function relatedItems<T extends ArchiveItem>(
  target: T,
  tagGroups: ReadonlyMap<string, Group<T>>,
  limit = RELATED_LIMIT,
): T[] {
  const counts = new Map<T, number>();
  const half = CANDIDATES_PER_TAG / 2;
  for (const slug of new Set(target.data.tags.map(tagSlug))) {
    const items = tagGroups.get(slug)?.items;
    if (!items) continue;
    const at = positionOf(items, target);
    const start = Math.max(0, Math.min(at - half, items.length - CANDIDATES_PER_TAG - 1));
    const end = Math.min(items.length, start + CANDIDATES_PER_TAG + 1);
    for (let index = start; index < end; index += 1) {
      const item = items[index] as T;
      if (item.id === target.id) continue;
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
  }
  const time = target.data.published.getTime();
  const best: Candidate<T>[] = [];
  for (const [item, count] of counts) {
    const candidate = { item, count, distance: Math.abs(item.data.published.getTime() - time) };
    if (best.length === limit && !ranksBefore(candidate, best[limit - 1] as Candidate<T>)) continue;
    let index = best.length === limit ? limit - 1 : best.length;
    while (index > 0 && ranksBefore(candidate, best[index - 1] as Candidate<T>)) {
      best[index] = best[index - 1] as Candidate<T>;
      index -= 1;
    }
    best[index] = candidate;
  }
  return best.map((candidate) => candidate.item);
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
