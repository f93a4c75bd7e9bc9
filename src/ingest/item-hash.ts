/**
 * Which hash an entry is archived under, and what a stored hash of any form
 * says about it. Pure.
 *
 * An entry is archived under its publisher hash (publisher-hash.ts), or under
 * the legacy form when the publisher hash could not be told. Against the
 * archive:
 * - a stored hash of the entry's own form: equal is unchanged, else the
 *   publisher edited the item (`update`, which sets `updated`);
 * - a stored legacy hash, the entry in the publisher form: the legacy form is
 *   recomputed from the entry; equal is unchanged (the file is not touched),
 *   else feedshelf's reading of the feed or the publisher changed it, which
 *   the legacy form cannot tell apart: `rehash`, rewritten in the publisher
 *   form without setting `updated`;
 * - a stored publisher hash, the entry in the legacy form (a document whose
 *   items this run could not hash): nothing can be compared, so the item is
 *   left as archived.
 */
import { isLegacyHash, legacyHash } from './legacy-hash.ts';
import { isPublisherHash } from './publisher-hash.ts';
import type { FeedEntry } from './types.ts';

/** What a stored hash says of an entry. */
export type HashVerdict = 'unchanged' | 'update' | 'rehash';

/** The hash an entry is archived under. */
export function entryHash(entry: FeedEntry): string {
  return entry.publisherHash ?? legacyHash(entry);
}

/** Compare an archived item's stored hash with an entry and the hash it would be archived under. */
export function compareStoredHash(stored: string, entry: FeedEntry, hash: string): HashVerdict {
  if (stored === hash) return 'unchanged';
  if (isPublisherHash(hash) && isLegacyHash(stored)) return legacyHash(entry) === stored ? 'unchanged' : 'rehash';
  if (isPublisherHash(stored) && !isPublisherHash(hash)) return 'unchanged';
  return 'update';
}
