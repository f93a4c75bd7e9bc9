import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArchiveLockedError } from '#src/ingest/errors.ts';
import { acquireArchiveLock, isStale, LOCK_NAME, processStartTicks } from '#src/ingest/lock-fs.ts';

const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const HOLDER = fileURLToPath(new URL('../fixtures/workers/lock-holder.ts', import.meta.url));

function startHolder(
  dir: string,
  holdMs: number,
): { child: ChildProcess; output: () => string; locked: Promise<void> } {
  const child = spawn(NODE, [HOLDER, dir, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited with ${code} before locking`)));
  });
  return { child, output: () => output, locked };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

describe('the archive lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedshelf-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second holder with a message naming the first, and leaves no draft files', async () => {
    const lock = await acquireArchiveLock(dir, { waitMs: 0 });
    const second = acquireArchiveLock(dir, { waitMs: 0 });
    await expect(second).rejects.toBeInstanceOf(ArchiveLockedError);
    await expect(second).rejects.toThrow(
      `Another snapshot is writing this archive (process ${process.pid} on ${hostname()}, since `,
    );
    await expect(second).rejects.toThrow(`if no snapshot is running, delete ${join(dir, LOCK_NAME)}.`);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('is free again once released', async () => {
    const first = await acquireArchiveLock(dir, { waitMs: 0 });
    await first.release();
    const second = await acquireArchiveLock(dir, { waitMs: 0 });
    expect(second.tookOverFrom).toBeUndefined();
    expect(JSON.parse(await readFile(second.file, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await second.release();
  });

  it('waits a bounded time for a live holder, then takes the lock when it is released', async () => {
    const first = await acquireArchiveLock(dir, { waitMs: 0 });
    setTimeout(() => void first.release(), 150);
    const started = Date.now();
    const second = await acquireArchiveLock(dir, { waitMs: 5_000, pollMs: 20 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await second.release();
  });

  it('gives up after the wait when the holder stays', async () => {
    const first = await acquireArchiveLock(dir, { waitMs: 0 });
    const started = Date.now();
    await expect(acquireArchiveLock(dir, { waitMs: 300, pollMs: 20 })).rejects.toThrow('after waiting 0 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await first.release();
  });

  it('lets two processes started together hold it one after the other', async () => {
    const a = startHolder(dir, 400);
    const b = startHolder(dir, 400);
    expect(await Promise.all([exited(a.child), exited(b.child)])).toEqual([0, 0]);
    const span = (text: string): [number, number] => [
      Number(/locked (\d+)/.exec(text)?.[1]),
      Number(/released (\d+)/.exec(text)?.[1]),
    ];
    const [first, second] = [span(a.output()), span(b.output())].sort((x, y) => x[0] - y[0]);
    expect(first?.[1]).toBeLessThanOrEqual(second?.[0] ?? 0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a lock left by a killed process', async () => {
    const holder = startHolder(dir, 60_000);
    await holder.locked;
    holder.child.kill('SIGKILL');
    await exited(holder.child);
    const lock = await acquireArchiveLock(dir, { waitMs: 0 });
    expect(lock.tookOverFrom?.pid).toBe(holder.child.pid);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over an unreadable lock file', async () => {
    await writeFile(join(dir, LOCK_NAME), 'not json');
    const lock = await acquireArchiveLock(dir, { waitMs: 0 });
    expect(lock.tookOverFrom).toBeUndefined();
    expect(JSON.parse(await readFile(lock.file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('tells a dead, a live, a reused and a foreign holder apart', () => {
    const since = '2026-12-01T00:00:00.000Z';
    const ticks = processStartTicks(process.pid);
    expect(ticks).toBeTypeOf('number');
    expect(isStale({ pid: process.pid, host: hostname(), startTicks: ticks, since })).toBe(false);
    expect(isStale({ pid: process.pid, host: hostname(), startTicks: (ticks ?? 0) + 1, since })).toBe(true);
    expect(isStale({ pid: 2 ** 22 + 17, host: hostname(), since })).toBe(true);
    expect(isStale({ pid: 2 ** 22 + 17, host: `${hostname()}-elsewhere`, since })).toBe(false);
  });
});
