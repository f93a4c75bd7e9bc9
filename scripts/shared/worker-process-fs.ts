/**
 * One long-lived worker process of a pool (the corpus run's and the fuzz
 * run's): forked on first use, its stderr tail kept for messages, ready once
 * it says so, and replaced after it is killed or dies. The pools decide what a
 * job is and how long it may take.
 */
import { type ChildProcess, fork } from 'node:child_process';

/** How long a fresh worker may take to load the snapshot engine; start-up is no job's fault. */
const START_LIMIT_MS = 120_000;

export interface WorkerSlot {
  child?: ChildProcess;
  /** The last 4,000 characters the current worker wrote to stderr. */
  stderr: string;
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

function spawnWorker(slot: WorkerSlot, file: string): ChildProcess {
  const child = fork(file, [], { execPath: process.execPath, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  slot.stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    slot.stderr = (slot.stderr + chunk.toString()).slice(-4000);
  });
  return child;
}

/** Resolves undefined once the worker says it is ready, or a reason when it dies or never does. */
function waitForReady(child: ChildProcess, isReady: (message: unknown) => boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    const done = (reason: string | undefined): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(reason);
    };
    const onMessage = (message: unknown): void => {
      if (isReady(message)) done(undefined);
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

/** The slot's worker, started (from `file`) and ready; or why it could not be. */
export async function readyWorker(
  slot: WorkerSlot,
  file: string,
  isReady: (message: unknown) => boolean,
): Promise<ChildProcess | { died: string }> {
  if (slot.child === undefined) {
    const child = spawnWorker(slot, file);
    slot.child = child;
    const problem = await waitForReady(child, isReady);
    if (problem !== undefined) {
      child.kill('SIGKILL');
      slot.child = undefined;
      return { died: `${problem}${slot.stderr ? `: ${lastLine(slot.stderr)}` : ''}` };
    }
  }
  return slot.child ?? { died: 'worker process did not start' };
}

/** Kills the slot's worker; the next job starts a fresh one. */
export function discardWorker(slot: WorkerSlot): void {
  slot.child?.kill('SIGKILL');
  slot.child = undefined;
}

/** How a worker's death is reported: its exit code or signal and the last line it wrote to stderr. */
export function deathDetail(slot: WorkerSlot, code: number | null, signal: NodeJS.Signals | null): string {
  const last = lastLine(slot.stderr);
  const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
  return `worker process died (${how})${last ? `: ${last}` : ''}`;
}
