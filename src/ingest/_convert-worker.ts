/** Worker side of convert-pool.ts: convert each entry it is sent and post the item back. */
import { serveJobs } from '#src/util/worker-pool.ts';
import type { ConvertJob } from './convert-pool.ts';
import { convertEntry } from './to-markdown.ts';
import type { ConvertedItem } from './types.ts';

serveJobs<ConvertJob, ConvertedItem>((job) => convertEntry(job.entry, job.ctx));
