/**
 * A fuzz worker process: receives one batch of feed files at a time over IPC,
 * snapshots them in one run into the batch's archive, reads every archived
 * file back and replies with each feed's outcome. It reports each finished
 * feed as it goes, so the parent can tell a hang from a slow batch.
 */
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { feedResult } from './archive-check-fs.ts';
import { type BatchJob, BatchJobSchema, type FeedResult, type WorkerMessage } from './protocol.ts';

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function handle(job: BatchJob): Promise<WorkerMessage> {
  try {
    const report = await runSnapshot({
      feeds: job.feeds.map((feed) => ({ id: feed.id, url: `feeds/${feed.id}`, path: feed.path })),
      itemsDir: job.itemsDir,
      stateDir: job.stateDir,
      now: new Date(job.now),
      workers: 2,
      onFeedDone: (feed) => send({ kind: 'progress', id: feed.id }),
    });
    const feeds: (FeedResult | null)[] = [];
    for (const [index, feed] of job.feeds.entries()) {
      const reported = report.feeds[index];
      if (reported === undefined || reported.id !== feed.id) {
        feeds.push(null);
        continue;
      }
      feeds.push(await feedResult(reported, job.itemsDir, job.stateDir));
    }
    return { kind: 'result', feeds };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: 'threw', error: message.split('\n')[0] ?? message };
  }
}

process.on('message', (message: unknown) => {
  const job = BatchJobSchema.safeParse(message);
  if (!job.success) {
    send({ kind: 'threw', error: 'the worker received a malformed job' });
    return;
  }
  handle(job.data).then(send);
});

// Imports are done: the parent starts a batch's clock only from here on.
send({ kind: 'ready' });
