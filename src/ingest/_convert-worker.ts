/** Worker side of convert-pool.ts: convert each entry it is sent and post the item back. */
import { parentPort } from 'node:worker_threads';
import { convertEntry } from './to-markdown.ts';
import type { ConvertContext, FeedEntry } from './types.ts';

interface Job {
  id: number;
  entry: FeedEntry;
  ctx: ConvertContext;
}

parentPort?.on('message', (job: Job) => {
  try {
    parentPort?.postMessage({ id: job.id, item: convertEntry(job.entry, job.ctx) });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
