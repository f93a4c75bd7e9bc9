/**
 * One writer at a time. A snapshot holds `<state dir>/.snapshot.lock` while it
 * writes, so two runs on one archive (a local run beside a scheduled one, or
 * `npm run archive` twice) never interleave their writes. The lock file is
 * created whole or not at all (written aside, then hard-linked into place,
 * which fails when it exists) and says who holds it. A lock whose holder died
 * (same host, process gone or its pid reused by a newer process) is taken
 * over; a live holder is waited for, a bounded time, and then named in the
 * error.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArchiveLockedError } from './errors.ts';

export const LOCK_NAME = '.snapshot.lock';

/** Who holds a lock: written into the lock file as JSON. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The holder's process start time in clock ticks since boot (Linux), to tell a reused pid. */
  startTicks?: number;
  /** When the lock was taken, ISO 8601. */
  since: string;
}

export interface ArchiveLock {
  /** The lock file. */
  readonly file: string;
  /** The holder this lock replaced because it had died, if any. */
  readonly tookOverFrom: LockHolder | undefined;
  /** Removes the lock file if it is still this process's. */
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for a live holder, in ms (0: fail at once). */
  waitMs: number;
  /** Time between attempts, in ms. */
  pollMs?: number;
}

/** A process's start time in clock ticks since boot; undefined off Linux or when it is gone. */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces; starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder is certainly gone: only decidable for a holder on this host. */
export function isStale(holder: LockHolder, host = hostname()): boolean {
  if (holder.host !== host) return false;
  if (!isAlive(holder.pid)) return true;
  const ticks = processStartTicks(holder.pid);
  return holder.startTicks !== undefined && ticks !== undefined && ticks !== holder.startTicks;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, host, since, startTicks } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof since !== 'string') return undefined;
    return { pid, host, since, ...(typeof startTicks === 'number' ? { startTicks } : {}) };
  } catch {
    return undefined;
  }
}

function describeHolder(holder: LockHolder | undefined): string {
  return holder === undefined
    ? 'a process that left an unreadable lock'
    : `process ${holder.pid} on ${holder.host}, since ${holder.since}`;
}

/**
 * Moves a stale lock aside, unless it changed since it was read (another
 * process took it over first); true when this process removed it.
 */
async function removeStale(file: string, seen: string): Promise<boolean> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch {
    return false;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== seen) {
    // Someone replaced it between our read and our rename: put theirs back.
    await link(aside, file).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return moved === seen;
}

/** Takes the archive's snapshot lock in `stateDir`, waiting up to `waitMs` for a live holder. */
export async function acquireArchiveLock(stateDir: string, options: LockOptions): Promise<ArchiveLock> {
  await mkdir(stateDir, { recursive: true });
  const file = join(stateDir, LOCK_NAME);
  const startTicks = processStartTicks(process.pid);
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    ...(startTicks === undefined ? {} : { startTicks }),
    since: new Date().toISOString(),
  };
  const text = `${JSON.stringify(mine)}\n`;
  const draft = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(draft, text);
  const deadline = Date.now() + options.waitMs;
  let tookOverFrom: LockHolder | undefined;
  try {
    for (;;) {
      try {
        await link(draft, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const seen = await readFile(file, 'utf8').catch(() => undefined);
      if (seen === undefined) continue; // released between our attempts
      const holder = parseHolder(seen);
      if ((holder === undefined || isStale(holder)) && (await removeStale(file, seen))) {
        tookOverFrom = holder;
        continue;
      }
      if (Date.now() >= deadline) {
        const waited = options.waitMs > 0 ? ` after waiting ${Math.round(options.waitMs / 1000)} s` : '';
        throw new ArchiveLockedError(
          `Another snapshot is writing this archive (${describeHolder(holder)})${waited}. Wait for it to finish; if no snapshot is running, delete ${file}.`,
          holder,
        );
      }
      await sleep(options.pollMs ?? 250);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  return {
    file,
    tookOverFrom,
    async release() {
      const current = await readFile(file, 'utf8').catch(() => undefined);
      if (current === text) await unlink(file).catch(() => undefined);
    },
  };
}
