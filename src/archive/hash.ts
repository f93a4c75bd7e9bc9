/** Short stable digests that become part of archive keys and file names. */
import { createHash } from 'node:crypto';

/** First 8 hex digits of SHA-256: short, stable suffixes for keys and file stems. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
