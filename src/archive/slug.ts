/**
 * Slugs for tags, authors and file names. Pure and shared: the snapshot
 * writer and the site's tag and author URLs use the same function, so
 * `JavaScript` and `javascript` are one tag everywhere. A slug depends only
 * on the NFKC form of the name, so NFC and NFD spellings share it.
 */
import slugifyLatin from '@sindresorhus/slugify';
import { shortHash } from './hash.ts';
import { avoidReserved, boundSlug, isWindowsReserved } from './segment.ts';

const LATIN_OPTIONS = {
  decamelize: false,
  customReplacements: [
    ['+', ' plus '],
    ['#', ' sharp '],
  ],
} as const satisfies Parameters<typeof slugifyLatin>[1];

/** ASCII slug by transliteration (`Привет` -> `privet`); empty when the script has no transliteration. */
export function asciiSlug(text: string): string {
  return slugifyLatin(text.normalize('NFKC'), LATIN_OPTIONS).replace(/[^a-z0-9-]+/g, '');
}

/** Unicode-letter slug for scripts without a transliteration (`中文` stays `中文`). */
export function unicodeSlug(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  ).join('-');
}

/** Runs of letters (with their marks) in a text: the words a transliteration either reads or drops. */
const WORDS = /[\p{L}\p{M}]+/gu;

/**
 * The slug of a title for a file name: the ASCII slug when transliteration
 * reads every word of it, else the Unicode slug of the whole title. Han,
 * kana, Hangul, Thai, Hebrew, Devanagari… have no transliteration here, and
 * their ASCII slug keeps only the digits (`第12回` gives `12`). A Unicode slug
 * is chosen over romanizing: Hangul and kana could be romanized, but
 * Japanese titles mix kana with Han, which has no algorithmic reading, and
 * readers of such a feed read its script; the tags' slugs already keep it.
 * Mixed titles keep every word (`Rust 入門` gives `rust-入門`). Lower-cased NFKC
 * (so also NFC, with full-width digits read as digits); empty when the title
 * has no letter or digit at all.
 */
export function titleSlug(text: string): string {
  const words = text.normalize('NFKC').match(WORDS) ?? [];
  const dropped = words.some((word) => /\p{L}/u.test(word) && asciiSlug(word) === '');
  return dropped ? unicodeSlug(text) : asciiSlug(text);
}

/** Suffix of a slug that would be a Windows device name: `con` becomes `con-x`. */
const DEVICE_SUFFIX = '-x';

/**
 * The slug of a tag or author name: lower-case, transliterated where possible,
 * Unicode letters otherwise, `x-<hash>` for a name with neither; never empty,
 * never a Windows device name, at most MAX_SLUG_BYTES (cut with a hash of the
 * whole slug when longer).
 */
export function slugify(text: string): string {
  const known = cache.get(text);
  if (known !== undefined) return known;
  const full = asciiSlug(text) || unicodeSlug(text) || `x-${shortHash(text.normalize('NFKC'))}`;
  const slug = boundSlug(avoidReserved(full, isWindowsReserved, DEVICE_SUFFIX));
  // Tags repeat across thousands of items and transliteration is not cheap: remember recent ones.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, slug);
  return slug;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, string>();
