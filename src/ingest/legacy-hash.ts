/**
 * The legacy item hash (`sha256:<32 hex>`), which archives written before the
 * publisher hash hold: a digest of the parsed entry's fields. Frozen: it must
 * give, for the same entry, the bytes it always gave, so that an item archived
 * with it is recognised as unchanged and its file left alone. It depends on
 * feedshelf's parsing, so a mismatch cannot tell an edit from a change of
 * feedshelf (item-hash.ts decides what follows). Pure.
 */
import { createHash } from 'node:crypto';
import { normaliseUrlKey } from './identity.ts';
import type { FeedEntry } from './types.ts';

/** The prefix of a legacy hash. */
export const LEGACY_HASH_PREFIX = 'sha256:';

/** Whether a stored hash is of the legacy form. */
export function isLegacyHash(hash: string): boolean {
  return /^sha256:[0-9a-f]{32}$/.test(hash);
}

/**
 * Every parsed content field of an entry, in a fixed order; the guid in its
 * normalised form (an https, `www.` or trailing-slash change of it names the
 * same item).
 */
export function legacyHash(entry: FeedEntry): string {
  const hash = createHash('sha256');
  const guid = entry.guid?.trim();
  for (const part of [
    guid ? normaliseUrlKey(guid) : entry.guid,
    entry.link,
    entry.title,
    entry.authors.join('\u001f'),
    entry.categories.join('\u001f'),
    entry.published,
    entry.updated,
    entry.contentHtml,
    entry.summaryHtml,
    entry.baseUrl,
    entry.image,
  ]) {
    hash.update(part ?? '\u0001');
    hash.update('\u0000');
  }
  return `${LEGACY_HASH_PREFIX}${hash.digest('hex').slice(0, 32)}`;
}
