/** A worker pool for convertEntry, so a first ingest uses every core (see src/worker-pool.ts). */
import { createWorkerPool } from '#src/util/worker-pool.ts';
import type { ConvertContext, ConvertedItem, FeedEntry } from './types.ts';

export interface ConvertPool {
  convert(entry: FeedEntry, ctx: ConvertContext): Promise<ConvertedItem>;
  close(): Promise<void>;
}

export interface ConvertJob {
  entry: FeedEntry;
  ctx: ConvertContext;
}

const WORKER_URL = new URL('./_convert-worker.ts', import.meta.url);

/** Start `size` workers (at least one). */
export function createConvertPool(size: number): ConvertPool {
  const pool = createWorkerPool<ConvertJob, ConvertedItem>(WORKER_URL, size, 'conversion');
  return {
    convert: (entry, ctx) => pool.run({ entry, ctx }),
    close: () => pool.close(),
  };
}
