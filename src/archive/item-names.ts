/**
 * The file name of an archived item, which is also its URL: chosen once, when
 * the item is first seen, and never changed. A proposed stem that is not a
 * safe path segment gives way to one made from the item's key; a stem already
 * taken in the feed's folder gets a suffix from the key, then from the key and
 * content hash, so the same feed assigns the same names on every run.
 */
import { shortHash } from './hash.ts';

/** Longest file name, in UTF-8 bytes, that any common file system accepts with room to spare. */
export const MAX_SEGMENT_BYTES = 200;

/** A single safe path segment: no separators, no NUL, not `.`/`..`, no leading dot, at most 200 bytes. */
export function isSafeSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES &&
    !/[/\\\0]/.test(segment) &&
    !segment.startsWith('.') &&
    segment !== '..'
  );
}

/** A stem for a new item: `proposed` when safe and free, else the first free of its suffixed forms. */
export function freshStem(proposed: string, key: string, hash: string, usedStems: ReadonlySet<string>): string {
  const base = isSafeSegment(proposed) ? proposed : `item-${shortHash(key)}`;
  for (const candidate of [base, `${base}-${shortHash(key)}`, `${base}-${shortHash(`${key}\n${hash}`)}`]) {
    if (!usedStems.has(candidate)) return candidate;
  }
  return `${base}-${shortHash(`${key}\n${hash}\n${usedStems.size}`)}`;
}
