/**
 * A small pool of fuzz worker processes (the corpus run's pattern: one job at
 * a time per worker, a worker kept between jobs, SIGKILL and a fresh worker
 * when one overruns or dies). A batch may take as long as its feeds need, but
 * no single feed may: the clock restarts each time the worker reports a
 * finished feed, and a worker silent for longer than the per-feed limit is
 * killed.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BatchJob, type FeedResult, WorkerMessageSchema } from './protocol.ts';

const WORKER = fileURLToPath(new URL('./_worker.ts', import.meta.url));

/** How long a fresh worker may take to load the snapshot engine; start-up is no feed's fault. */
const START_LIMIT_MS = 120_000;

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

interface Slot {
  child?: ChildProcess;
  stderr: string;
  busy: boolean;
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

function spawnWorker(slot: Slot): ChildProcess {
  const child = fork(WORKER, [], { execPath: process.execPath, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  slot.stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    slot.stderr = (slot.stderr + chunk.toString()).slice(-4000);
  });
  return child;
}

/** Resolves undefined once the worker says it is ready, or a reason when it dies or never does. */
function waitForReady(child: ChildProcess): Promise<string | undefined> {
  return new Promise((resolve) => {
    const done = (reason: string | undefined): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(reason);
    };
    const onMessage = (message: unknown): void => {
      if (WorkerMessageSchema.safeParse(message).data?.kind === 'ready') done(undefined);
    };
    const onExit = (): void => done('worker process died while starting');
    const timer = setTimeout(
      () => done(`worker process did not start within ${START_LIMIT_MS / 1000} s`),
      START_LIMIT_MS,
    );
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function runOnChild(slot: Slot, child: ChildProcess, job: BatchJob, feedLimitMs: number): Promise<BatchEnd> {
  return new Promise((resolve) => {
    const finish = (end: BatchEnd, keep: boolean): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (!keep) {
        child.kill('SIGKILL');
        slot.child = undefined;
      }
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
      const last = lastLine(slot.stderr);
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
      finish({ kind: 'died', detail: `worker process died (${how})${last ? `: ${last}` : ''}` }, false);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(job);
  });
}

async function runInSlot(slot: Slot, job: BatchJob, feedLimitMs: number): Promise<BatchEnd> {
  if (slot.child === undefined) {
    const child = spawnWorker(slot);
    slot.child = child;
    const problem = await waitForReady(child);
    if (problem !== undefined) {
      child.kill('SIGKILL');
      slot.child = undefined;
      return { kind: 'died', detail: `${problem}${slot.stderr ? `: ${lastLine(slot.stderr)}` : ''}` };
    }
  }
  const child = slot.child;
  if (child === undefined) return { kind: 'died', detail: 'worker process did not start' };
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
