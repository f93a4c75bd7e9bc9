/**
 * The one short hash of the archive format. Its output is part of archived
 * bytes (dedupe's disambiguated keys `<key>#<hash>`, file stems such as
 * `…-untitled-<hash>` or `…-<hash>` for a taken name) and of site URLs (slugs
 * cut to their byte bound, `x-<hash>` for names no slug can express), so it
 * must never change: changing it would rename files and move URLs.
 */
import { createHash } from 'node:crypto';

/** Characters of a shortHash: 8 hex digits. */
export const SHORT_HASH_LENGTH = 8;

/** The first 8 hex digits of the SHA-256 of `text`'s UTF-8 bytes. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, SHORT_HASH_LENGTH);
}
