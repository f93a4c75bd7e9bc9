/**
 * The id a feed gets when it is written into feeds.yaml (`feedshelf feeds add`,
 * an OPML import): the slug of its title, transliterated by the slug library
 * the archive's file names use (`Überblog — Ünïcode` gives `uberblog-unicode`),
 * else a slug of its URL's host and path. Pure. Ids already in a config are
 * never derived again: they name the feed's archive folders.
 */
import { asciiSlug } from '#src/archive/slug.ts';
import { boundFeedId, deriveFeedId, isHttpUrl, uniqueId } from './config.ts';

/** Letters with their marks: the words a transliteration either reads or drops. */
const WORDS = /[\p{L}\p{M}]+/gu;

/** Path segments that say "this is a feed" and tell one feed from another by nothing. */
const FEED_WORDS = new Set(['feed', 'feeds', 'rss', 'rss2', 'atom', 'xml', 'rdf', 'json', 'index', 'default']);

/**
 * The ASCII slug of a title when transliteration reads every word of it;
 * empty for a title in a script without one (Japanese, Chinese, Korean, Thai…),
 * whose slug would keep only its digits, or for a title without letters.
 */
export function titleFeedSlug(title: string): string {
  const words = title.normalize('NFKC').match(WORDS) ?? [];
  if (words.length === 0) return '';
  if (words.some((word) => /\p{L}/u.test(word) && asciiSlug(word) === '')) return '';
  return asciiSlug(title.replace(/[./\\]/g, ' '));
}

/**
 * A slug of a feed URL: the host without `www.` and the path's segments that
 * name something (`https://note.com/hanako/rss` gives `note-com-hanako`); for a
 * local path, the file's name.
 */
export function urlFeedSlug(location: string): string {
  if (!isHttpUrl(location) || !URL.canParse(location)) return deriveFeedId(location);
  const url = new URL(location);
  const segments = url.pathname
    .split('/')
    .map((segment) => safeDecode(segment).replace(/\.[a-z0-9]+$/i, ''))
    .filter((segment) => segment !== '' && !FEED_WORDS.has(segment.toLowerCase()));
  return asciiSlug([url.hostname.replace(/^www\./, ''), ...segments].join(' '));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The id of a new feed: from its title, else its URL; unique against `taken`. */
export function newFeedId(title: string | undefined, url: string, taken: ReadonlySet<string>): string {
  const slug = (title ? titleFeedSlug(title) : '') || urlFeedSlug(url);
  return uniqueId(boundFeedId(slug), taken);
}
