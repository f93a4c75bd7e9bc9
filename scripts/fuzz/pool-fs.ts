/**
 * A small pool of fuzz worker processes (the corpus run's pattern: one job at
 * a time per worker, a worker kept between jobs, SIGKILL and a fresh worker
 * when one overruns or dies). A batch may take as long as its feeds need, but
 * no single feed may: the clock restarts each time the worker reports a
 * finished feed, and a worker silent for longer than the per-feed limit is
 * killed.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { deathDetail, discardWorker, readyWorker, type WorkerSlot } from '#scripts/shared/worker-process-fs.ts';
import { type BatchJob, type FeedResult, WorkerMessageSchema } from './protocol.ts';

const WORKER = fileURLToPath(new URL('./_worker.ts', import.meta.url));

export type BatchEnd =
  | { kind: 'result'; feeds: (FeedResult | null)[] }
  | { kind: 'threw'; error: string }
  /** No feed finished within the per-feed limit. */
  | { kind: 'timed-out' }
  | { kind: 'died'; detail: string };

export interface BatchPool {
  run(job: BatchJob): Promise<BatchEnd>;
  close(): void;
}

interface Slot extends WorkerSlot {
  busy: boolean;
}

function runOnChild(slot: Slot, child: ChildProcess, job: BatchJob, feedLimitMs: number): Promise<BatchEnd> {
  return new Promise((resolve) => {
    const finish = (end: BatchEnd, keep: boolean): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (!keep) discardWorker(slot);
      resolve(end);
    };
    const arm = () => setTimeout(() => finish({ kind: 'timed-out' }, false), feedLimitMs);
    let timer = arm();
    const onMessage = (raw: unknown): void => {
      const message = WorkerMessageSchema.safeParse(raw);
      if (!message.success) {
        finish({ kind: 'died', detail: 'worker process sent a malformed message' }, false);
        return;
      }
      const data = message.data;
      if (data.kind === 'progress') {
        clearTimeout(timer);
        timer = arm();
      } else if (data.kind === 'result') finish({ kind: 'result', feeds: data.feeds }, true);
      else if (data.kind === 'threw') finish({ kind: 'threw', error: data.error }, true);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      finish({ kind: 'died', detail: deathDetail(slot, code, signal) }, false);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(job);
  });
}

const isReady = (message: unknown): boolean => WorkerMessageSchema.safeParse(message).data?.kind === 'ready';

async function runInSlot(slot: Slot, job: BatchJob, feedLimitMs: number): Promise<BatchEnd> {
  const child = await readyWorker(slot, WORKER, isReady);
  if ('died' in child) return { kind: 'died', detail: child.died };
  return runOnChild(slot, child, job, feedLimitMs);
}

/** A pool of `size` workers; jobs wait for a free one, in the order they were given. */
export function createBatchPool(size: number, feedLimitMs: number): BatchPool {
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => ({ stderr: '', busy: false }));
  const waiting: ((slot: Slot) => void)[] = [];
  const acquire = (): Promise<Slot> => {
    const free = slots.find((slot) => !slot.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (slot: Slot): void => {
    const next = waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  };
  return {
    async run(job) {
      const slot = await acquire();
      try {
        return await runInSlot(slot, job, feedLimitMs);
      } finally {
        release(slot);
      }
    },
    close() {
      for (const slot of slots) slot.child?.kill('SIGKILL');
    },
  };
}
