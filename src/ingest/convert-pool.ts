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

/** A pool started on first use, so a run that converts little never starts workers. */
export interface LazyPool {
  /** The pool, started on first use; undefined when conversion runs inline. */
  get(): ConvertPool | undefined;
  close(): Promise<void>;
}

export function lazyPool(size: number): LazyPool {
  let pool: ConvertPool | undefined;
  return {
    get() {
      if (size > 1 && !pool) pool = createConvertPool(size);
      return pool;
    },
    async close() {
      await pool?.close();
    },
  };
}
