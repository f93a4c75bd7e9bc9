/**
 * Slugs become folder and file names (`dist/authors/<slug>/`) on every file
 * system the archive and the site meet: ext4, APFS, HFS+, NTFS, FAT. Each
 * allows 255 bytes (or UTF-16 units) a segment, and Windows refuses device
 * names such as `con` or `lpt1` whatever follows them. A slug over its byte
 * bound is cut on a grapheme boundary and ends in a short hash of the whole
 * slug, so two long names that share a prefix still get two names. Pure.
 */
import { SHORT_HASH_LENGTH, shortHash } from './hash.ts';

/**
 * Longest slug of a tag, author or other name from a feed, in UTF-8 bytes.
 * HFS+ stores names decomposed (NFD), which can triple the bytes of an NFC
 * name (a Hangul syllable is 3 bytes, its jamo 9): 80 bytes stay under 255 even then.
 */
export const MAX_SLUG_BYTES = 80;

/** `-` and the hex digits of shortHash. */
const HASH_SUFFIX_BYTES = 1 + SHORT_HASH_LENGTH;

/** Device names Windows refuses as a file or folder name, alone or before an extension. */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])[ .]*(?:\.|$)/i;

/** Whether Windows refuses `segment` as a file or folder name (`con`, `NUL.txt`, `com1`). */
export function isWindowsReserved(segment: string): boolean {
  return WINDOWS_DEVICE.test(segment);
}

/**
 * A slug moved off `reserved` names by `suffix`: with `-tag`, `by-name`
 * becomes `by-name-tag`. A slug that is already a reserved name plus suffixes
 * gets one more (`by-name-tag` -> `by-name-tag-tag`), so two slugs never meet.
 */
export function avoidReserved(slug: string, reserved: (stem: string) => boolean, suffix: string): string {
  let stem = slug;
  while (stem.endsWith(suffix)) stem = stem.slice(0, -suffix.length);
  return reserved(stem) ? `${slug}${suffix}` : slug;
}

const encoder = new TextEncoder();

/** The length of `text` in UTF-8 bytes. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function* graphemesOf(text: string): Generator<string> {
  for (const part of graphemes.segment(text)) yield part.segment;
}

/** The longest prefix of whole graphemes of `text` that fits `maxBytes` UTF-8 bytes. */
export function utf8Prefix(text: string, maxBytes: number): string {
  return prefixOf(graphemesOf(text), maxBytes);
}

/** The longest run of whole `pieces` from the start that fits `max` bytes. */
function prefixOf(pieces: Iterable<string>, max: number): string {
  let prefix = '';
  let bytes = 0;
  for (const piece of pieces) {
    bytes += byteLength(piece);
    if (bytes > max) break;
    prefix += piece;
  }
  return prefix;
}

/**
 * `slug` itself when it fits `maxBytes`, else its longest prefix of whole
 * graphemes (whole code points when one grapheme is most of the room) and
 * `-<shortHash of the whole slug>`.
 */
export function boundSlug(slug: string, maxBytes: number = MAX_SLUG_BYTES): string {
  if (byteLength(slug) <= maxBytes) return slug;
  const room = maxBytes - HASH_SUFFIX_BYTES;
  let prefix = prefixOf(graphemesOf(slug), room);
  if (byteLength(prefix) < room / 2) prefix = prefixOf(slug, room);
  return `${prefix.replace(/-+$/, '') || 'x'}-${shortHash(slug)}`;
}
