/**
 * A worker_threads pool for convertEntry, so a first ingest uses every core.
 * Each job goes to the least busy worker; a worker that dies fails only its
 * own jobs and is replaced. Call close() when done: live workers keep the
 * process running.
 */
import { Worker } from 'node:worker_threads';
import type { ConvertContext, ConvertedItem, FeedEntry } from './types.ts';

export interface ConvertPool {
  convert(entry: FeedEntry, ctx: ConvertContext): Promise<ConvertedItem>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (item: ConvertedItem) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Pending>;
}

type Reply = { id: number; item: ConvertedItem } | { id: number; error: string };

const WORKER_URL = new URL('./_convert-worker.ts', import.meta.url);

/** Start `size` workers (at least one). */
export function createConvertPool(size: number): ConvertPool {
  let nextId = 0;
  let closed = false;

  function spawn(slot: Slot): void {
    const worker = new Worker(WORKER_URL);
    slot.worker = worker;
    worker.on('message', (reply: Reply) => {
      const job = slot.jobs.get(reply.id);
      slot.jobs.delete(reply.id);
      if (!job) return;
      if ('item' in reply) job.resolve(reply.item);
      else job.reject(new Error(reply.error));
    });
    worker.on('error', (error) => {
      for (const job of slot.jobs.values()) job.reject(error);
      slot.jobs.clear();
    });
    worker.on('exit', () => {
      for (const job of slot.jobs.values()) job.reject(new Error('A conversion worker stopped before finishing.'));
      slot.jobs.clear();
      if (!closed && slot.worker === worker) spawn(slot);
    });
  }

  const slots: Slot[] = Array.from({ length: Math.max(1, Math.floor(size)) }, () => {
    const slot = { jobs: new Map<number, Pending>() } as Slot;
    spawn(slot);
    return slot;
  });

  return {
    convert(entry, ctx) {
      if (closed) return Promise.reject(new Error('The conversion pool is closed.'));
      const slot = slots.reduce((best, candidate) => (candidate.jobs.size < best.jobs.size ? candidate : best));
      const id = nextId++;
      return new Promise<ConvertedItem>((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject });
        slot.worker.postMessage({ id, entry, ctx });
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
