/**
 * A worker_threads pool for convertEntry, so a first ingest uses every core.
 * Jobs go to the least busy worker; results come back in the order asked.
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
  busy: number;
}

type Reply = { id: number; item: ConvertedItem } | { id: number; error: string };

const WORKER_URL = new URL('./_convert-worker.ts', import.meta.url);

/** Start `size` workers (at least one). */
export function createConvertPool(size: number): ConvertPool {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const slots: Slot[] = Array.from({ length: Math.max(1, Math.floor(size)) }, () => {
    const slot: Slot = { worker: new Worker(WORKER_URL), busy: 0 };
    slot.worker.on('message', (reply: Reply) => {
      slot.busy--;
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if (!job) return;
      if ('item' in reply) job.resolve(reply.item);
      else job.reject(new Error(reply.error));
    });
    slot.worker.on('error', (error) => {
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
    return slot;
  });

  return {
    convert(entry, ctx) {
      const slot = slots.reduce((best, candidate) => (candidate.busy < best.busy ? candidate : best));
      const id = nextId++;
      slot.busy++;
      return new Promise<ConvertedItem>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, entry, ctx });
      });
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
