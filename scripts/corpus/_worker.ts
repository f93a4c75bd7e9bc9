/**
 * A corpus worker process: receives one file at a time over IPC, snapshots it
 * as a local feed and replies with the feed's outcome. The parent kills it when
 * a file takes too long and starts another.
 */
import { z } from 'astro/zod';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import type { WorkerReply } from './classify.ts';

const JobSchema = z.object({
  id: z.string(),
  path: z.string(),
  itemsDir: z.string(),
  stateDir: z.string(),
  now: z.string(),
  timeoutMs: z.number(),
});
export type CorpusJob = z.output<typeof JobSchema>;

async function handle(job: CorpusJob): Promise<WorkerReply> {
  try {
    const report = await runSnapshot({
      feeds: [{ id: job.id, url: job.path, path: job.path }],
      itemsDir: job.itemsDir,
      stateDir: job.stateDir,
      now: new Date(job.now),
      timeoutMs: job.timeoutMs,
      concurrency: 1,
    });
    const feed = report.feeds[0];
    if (feed === undefined) return { kind: 'threw', error: 'the report holds no feed' };
    const items = feed.counts.new + feed.counts.updated + feed.counts.unchanged;
    return { kind: 'report', status: feed.status, code: feed.code, error: feed.error, items };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: 'threw', error: message.split('\n')[0] ?? message };
  }
}

process.on('message', (message: unknown) => {
  const job = JobSchema.safeParse(message);
  if (!job.success) {
    process.send?.({ kind: 'threw', error: 'the worker received a malformed job' } satisfies WorkerReply);
    return;
  }
  handle(job.data).then((reply) => process.send?.(reply));
});

// Imports are done: the parent starts a file's clock only from here on.
process.send?.({ kind: 'ready' });
