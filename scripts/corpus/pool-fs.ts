/**
 * Runs corpus jobs in a small pool of worker processes, one file at a time per
 * worker, each file under a time limit. A worker that overruns is killed with
 * SIGKILL and replaced; one that dies is reported as a crash and replaced.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

interface Slot {
  child?: ChildProcess;
  stderr: string;
}

/** How long a fresh worker may take to load the snapshot engine; start-up is not the file's fault. */
const START_LIMIT_MS = 120_000;

export async function runPool(jobs: readonly CorpusJob[], options: PoolOptions): Promise<JobEnd[]> {
  const ends: JobEnd[] = new Array(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    const slot: Slot = { stderr: '' };
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

function spawnWorker(slot: Slot): ChildProcess {
  const child = fork(WORKER, [], { execPath: process.execPath, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  slot.stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    slot.stderr = (slot.stderr + chunk.toString()).slice(-4000);
  });
  return child;
}

async function runJob(slot: Slot, job: CorpusJob, timeLimitMs: number): Promise<JobEnd> {
  if (slot.child === undefined) {
    const child = spawnWorker(slot);
    slot.child = child;
    const started = await waitForReady(child);
    if (started !== undefined) {
      child.kill('SIGKILL');
      slot.child = undefined;
      return { kind: 'died', detail: `${started}${slot.stderr ? `: ${lastLine(slot.stderr)}` : ''}` };
    }
  }
  const child = slot.child;
  if (child === undefined) return { kind: 'died', detail: 'worker process did not start' };
  return new Promise((resolve) => {
    const finish = (end: JobEnd, keep: boolean): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (!keep) {
        child.kill('SIGKILL');
        slot.child = undefined;
      }
      resolve(end);
    };
    const onMessage = (message: unknown): void => {
      const reply = WorkerReplySchema.safeParse(message);
      if (reply.success) finish({ kind: 'reply', reply: reply.data }, true);
      else finish({ kind: 'died', detail: 'worker process sent a malformed reply' }, false);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      const last = lastLine(slot.stderr);
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
      finish({ kind: 'died', detail: `worker process died (${how})${last ? `: ${last}` : ''}` }, false);
    };
    const timer = setTimeout(() => finish({ kind: 'timed-out' }, false), timeLimitMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(job);
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
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
      if (typeof message === 'object' && message !== null && 'kind' in message && message.kind === 'ready')
        done(undefined);
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
