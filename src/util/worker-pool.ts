/**
 * A worker_threads pool: each job goes to the least busy worker, a worker that
 * dies fails only its own jobs and is replaced. Call close() when done: live
 * workers keep the process running. The worker module answers with
 * serveJobs(handler).
 */
import { parentPort, Worker } from 'node:worker_threads';
import { TS_HOOKS_URL } from './ts-hooks.js';

export interface WorkerPool<Job, Result> {
  run(job: Job): Promise<Result>;
  close(): Promise<void>;
}

interface Pending<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface Slot<Result> {
  worker: Worker;
  jobs: Map<number, Pending<Result>>;
}

/**
 * A job failed because its worker died (it exited or threw outside a job), not because the job's
 * own handler threw: the job itself may be fine, or it may be what killed the worker.
 */
export class WorkerStoppedError extends Error {
  readonly code = 'worker-stopped';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkerStoppedError';
  }
}

type Reply<Result> = { id: number; result: Result } | { id: number; error: string };

/**
 * Start `size` workers (at least one) running the module at `url`, each given
 * `workerData`. `what` names the work in errors: "A <what> worker stopped before finishing."
 */
export function createWorkerPool<Job, Result>(
  url: URL,
  size: number,
  what: string,
  workerData?: unknown,
): WorkerPool<Job, Result> {
  let nextId = 0;
  let closed = false;

  function spawn(slot: Slot<Result>): void {
    // The hook that strips types under node_modules, where feedshelf lives in a user's site.
    const worker = new Worker(url, { workerData, execArgv: [...process.execArgv, '--import', TS_HOOKS_URL] });
    slot.worker = worker;
    worker.on('message', (reply: Reply<Result>) => {
      const job = slot.jobs.get(reply.id);
      slot.jobs.delete(reply.id);
      if (!job) return;
      if ('result' in reply) job.resolve(reply.result);
      else job.reject(new Error(reply.error));
    });
    worker.on('error', (error) => {
      const stopped = new WorkerStoppedError(`A ${what} worker failed: ${error.message}`, { cause: error });
      for (const job of slot.jobs.values()) job.reject(stopped);
      slot.jobs.clear();
    });
    worker.on('exit', () => {
      for (const job of slot.jobs.values())
        job.reject(new WorkerStoppedError(`A ${what} worker stopped before finishing.`));
      slot.jobs.clear();
      if (!closed && slot.worker === worker) spawn(slot);
    });
  }

  const slots: Slot<Result>[] = Array.from({ length: Math.max(1, Math.floor(size)) }, () => {
    const slot = { jobs: new Map<number, Pending<Result>>() } as Slot<Result>;
    spawn(slot);
    return slot;
  });

  return {
    run(job) {
      if (closed) return Promise.reject(new Error(`The ${what} pool is closed.`));
      const slot = slots.reduce((best, candidate) => (candidate.jobs.size < best.jobs.size ? candidate : best));
      const id = nextId++;
      return new Promise<Result>((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject });
        slot.worker.postMessage({ id, job });
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/** Worker side: answer every job posted by the pool with `handle`'s result or its error message. */
export function serveJobs<Job, Result>(handle: (job: Job) => Result | Promise<Result>): void {
  parentPort?.on('message', async (message: { id: number; job: Job }) => {
    try {
      parentPort?.postMessage({ id: message.id, result: await handle(message.job) });
    } catch (error) {
      parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
