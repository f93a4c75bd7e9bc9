/**
 * Which archived item each feed entry is, decided before any conversion.
 * Pure.
 *
 * - An entry whose key is archived with the same hash is unchanged; a stored
 *   hash of an earlier form is compared as item-hash.ts says, and may ask for
 *   a `rehash`: rewritten in the current form, not marked updated.
 * - Same key, different hash: the same post edited, rewritten in place;
 *   unless its link and its title both differ from the archived item's, in
 *   which case the feed reused the guid for another post and the entry gets
 *   a disambiguated key, `<key>#<short hash of link and title>`.
 * - Two entries of one feed with the same key and different content: the one
 *   matching the archived item (or else the first in feed order) keeps the
 *   key; the others are disambiguated the same way. Exact repeats are skipped.
 */
import { shortHash } from '#src/archive/hash.ts';
import { compareStoredHash } from './item-hash.ts';
import type { FeedEntry } from './types.ts';

/** The archived fields dedupe compares against. */
export interface ArchivedRef {
  hash: string;
  link?: string;
  title?: string;
}

/** One entry with its key and hash (item-hash.ts entryHash), as the identity functions computed them. */
export interface KeyedEntry {
  entry: FeedEntry;
  key: string;
  hash: string;
}

/**
 * `refetch`: an unchanged item written again only to replace the feed's text with its page's
 * (full text that could not be fetched before); never marked updated.
 */
export type PlanAction = 'new' | 'update' | 'rehash' | 'refetch' | 'unchanged' | 'duplicate';

export interface PlannedEntry extends KeyedEntry {
  action: PlanAction;
}

/** A link compared without scheme, `www.`, trailing slash or case. */
export function comparableLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  return link
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

function signature(entry: FeedEntry): string {
  return `${comparableLink(entry.link) ?? ''}\n${(entry.title ?? '').trim()}`;
}

/** Whether an entry is the post archived under its key (same link or same title). */
export function isSamePost(entry: FeedEntry, archived: ArchivedRef): boolean {
  const link = comparableLink(entry.link);
  const title = entry.title?.trim();
  if (link !== undefined && link === comparableLink(archived.link)) return true;
  if (title && title === archived.title?.trim()) return true;
  return link === undefined && !title;
}

/** Decide each entry's final key and what to do with it. */
export function planEntries(
  entries: readonly KeyedEntry[],
  archived: ReadonlyMap<string, ArchivedRef>,
): PlannedEntry[] {
  const claimed = new Map<string, string>();
  const finalKeys: (string | undefined)[] = entries.map(() => undefined);
  entries.forEach((keyed, i) => {
    const existing = archived.get(keyed.key);
    if (existing && !claimed.has(keyed.key) && isSamePost(keyed.entry, existing)) {
      claimed.set(keyed.key, keyed.hash);
      finalKeys[i] = keyed.key;
    }
  });
  const duplicates = new Set<number>();
  entries.forEach((keyed, i) => {
    if (finalKeys[i] !== undefined) return;
    const { key, hash, entry } = keyed;
    if (claimed.get(key) === hash) {
      duplicates.add(i);
      return;
    }
    if (!claimed.has(key) && !archived.has(key)) {
      claimed.set(key, hash);
      finalKeys[i] = key;
      return;
    }
    const candidates = [`${key}#${shortHash(signature(entry))}`, `${key}#${shortHash(`${signature(entry)}\n${hash}`)}`];
    for (const candidate of candidates) {
      const holder = claimed.get(candidate);
      if (holder === hash) {
        duplicates.add(i);
        return;
      }
      if (holder === undefined) {
        claimed.set(candidate, hash);
        finalKeys[i] = candidate;
        return;
      }
    }
    duplicates.add(i);
  });
  return entries.map((keyed, i) => {
    const key = finalKeys[i];
    if (key === undefined || duplicates.has(i)) return { ...keyed, action: 'duplicate' };
    const existing = archived.get(key);
    const action: PlanAction = existing ? compareStoredHash(existing.hash, keyed.entry, keyed.hash) : 'new';
    return { ...keyed, key, action };
  });
}
