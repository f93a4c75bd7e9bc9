/**
 * Item identity: the stable key that survives http/https, `www.` and
 * trailing-slash changes, and the readable, safe file name (the hash that
 * recognises an unchanged item is item-hash.ts's). Pure.
 */
import { createHash } from 'node:crypto';
import { shortHash } from '#src/archive/hash.ts';
import { byteLength, utf8Prefix } from '#src/archive/segment.ts';
import { titleSlug } from '#src/archive/slug.ts';
import { collapseWhitespace } from './_text.ts';
import type { FeedEntry } from './types.ts';

/**
 * Longest proposed file stem, in UTF-8 bytes (ASCII stems: characters). With a
 * feed id of at most 64, the `-<hash>` the snapshot may add to tell apart two
 * items whose stems meet, and `.md`, an item file is at most 157 bytes under
 * content/items/ (`dist/items/<feed id>/<stem>/index.html` 171 under dist/),
 * far inside every file system's 255 a segment and Windows' 260 a path (which
 * counts UTF-16 units, never more than bytes). Hangul stored decomposed
 * (NFD, HFS+) triples the slug's bytes at most: 11 + 3 × 69, with `-<hash>.md`
 * 230 bytes, still under 255.
 */
export const MAX_STEM = 80;

/** `http://www.Example.com/a/` and `https://example.com/a` name the same thing. */
export function normaliseUrlKey(value: string): string {
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return collapseWhitespace(trimmed);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return collapseWhitespace(trimmed);
  }
  const host = url.host.replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  return `https://${host}${path}${url.search}${url.hash}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The stable key of an entry: its guid, else its link, else a hash of title, date and content. */
export function itemKey(entry: FeedEntry): string {
  const guid = entry.guid?.trim();
  if (guid) return normaliseUrlKey(guid);
  const link = entry.link?.trim();
  if (link) return normaliseUrlKey(link);
  const content = entry.contentHtml ?? entry.summaryHtml ?? '';
  return `sha256:${sha256([entry.title ?? '', entry.published ?? '', content].join('\u0000'))}`;
}

/** Cut a slug at a hyphen, else between graphemes, so it fits `max` UTF-8 bytes. */
function capSlug(slug: string, max: number): string {
  if (byteLength(slug) <= max) return slug;
  const cut = utf8Prefix(slug, max + 1);
  const hyphen = cut.lastIndexOf('-');
  const atHyphen = hyphen > 0 && byteLength(cut.slice(0, hyphen)) > max / 2;
  return (atHyphen ? cut.slice(0, hyphen) : utf8Prefix(slug, max)).replace(/-+$/, '');
}

/**
 * `YYYY-MM-DD-slug-of-the-title`: letters, digits and hyphens only (ASCII
 * when the title transliterates, see titleSlug), at most MAX_STEM bytes, never
 * empty. A longer slug is cut at a hyphen and ends in a short hash of the
 * whole slug, so two long titles that share a beginning get two names. Titles
 * with no letter or digit get `untitled` and a short hash of the key, so they
 * do not all collide. Only new items are named so: an archived item keeps its
 * stem (write-plan.ts).
 */
export function itemFileStem(entry: FeedEntry, published: string, key: string): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(published)?.[0] ?? '0000-00-00';
  const slug = titleSlug(entry.title ?? '');
  if (!slug) return `${date}-untitled-${shortHash(key)}`;
  const room = MAX_STEM - date.length - 1;
  if (byteLength(slug) <= room) return `${date}-${slug}`;
  const hash = shortHash(slug);
  return `${date}-${capSlug(slug, room - hash.length - 1)}-${hash}`;
}
