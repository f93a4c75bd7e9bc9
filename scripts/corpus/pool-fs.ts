/**
 * Runs corpus jobs in a small pool of worker processes, one file at a time per
 * worker, each file under a time limit. A worker that overruns is killed with
 * SIGKILL and replaced; one that dies is reported as a crash and replaced.
 */
import { fileURLToPath } from 'node:url';
import { deathDetail, discardWorker, readyWorker, type WorkerSlot } from '#scripts/shared/worker-process-fs.ts';
import type { CorpusJob } from './_worker.ts';
import { type WorkerReply, WorkerReplySchema } from './classify.ts';

const WORKER = fileURLToPath(new URL('./_worker.ts', import.meta.url));

export type JobEnd = { kind: 'reply'; reply: WorkerReply } | { kind: 'timed-out' } | { kind: 'died'; detail: string };

export interface PoolOptions {
  concurrency: number;
  /** Wall-clock limit per file, including the worker's own start-up when it is fresh. */
  timeLimitMs: number;
  onEnd?: (index: number, end: JobEnd) => void;
}

export async function runPool(jobs: readonly CorpusJob[], options: PoolOptions): Promise<JobEnd[]> {
  const ends: JobEnd[] = new Array(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    const slot: WorkerSlot = { stderr: '' };
    try {
      while (next < jobs.length) {
        const index = next++;
        const job = jobs[index];
        if (job === undefined) continue;
        const end = await runJob(slot, job, options.timeLimitMs);
        ends[index] = end;
        options.onEnd?.(index, end);
      }
    } finally {
      slot.child?.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
  return ends;
}

const isReady = (message: unknown): boolean =>
  typeof message === 'object' && message !== null && 'kind' in message && message.kind === 'ready';

async function runJob(slot: WorkerSlot, job: CorpusJob, timeLimitMs: number): Promise<JobEnd> {
  const child = await readyWorker(slot, WORKER, isReady);
  if ('died' in child) return { kind: 'died', detail: child.died };
  return new Promise((resolve) => {
    const finish = (end: JobEnd, keep: boolean): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (!keep) discardWorker(slot);
      resolve(end);
    };
    const onMessage = (message: unknown): void => {
      const reply = WorkerReplySchema.safeParse(message);
      if (reply.success) finish({ kind: 'reply', reply: reply.data }, true);
      else finish({ kind: 'died', detail: 'worker process sent a malformed reply' }, false);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      finish({ kind: 'died', detail: deathDetail(slot, code, signal) }, false);
    };
    const timer = setTimeout(() => finish({ kind: 'timed-out' }, false), timeLimitMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(job);
  });
}
