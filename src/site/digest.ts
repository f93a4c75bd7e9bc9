/** Short stable digests for incremental-build cache keys. */
import { createHash } from 'node:crypto';

/** A hex digest of the JSON of `parts`: equal inputs, equal digest. */
export function digestOf(...parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
