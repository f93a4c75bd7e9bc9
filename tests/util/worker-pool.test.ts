import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from '#src/util/worker-pool.ts';

const WORKER = new URL('../fixtures/workers/square-worker.ts', import.meta.url);

describe('createWorkerPool', () => {
  const pool = createWorkerPool<number, number>(WORKER, 2, 'square');
  afterAll(() => pool.close());

  it('answers every job with its own result', { timeout: 30_000 }, async () => {
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => pool.run(n)))).toEqual([1, 4, 9, 16, 25, 36, 49]);
  });

  it('rejects only the job that failed, with its message', { timeout: 30_000 }, async () => {
    const results = await Promise.allSettled([pool.run(2), pool.run(-1), pool.run(3)]);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : result.reason.message))).toEqual([
      4,
      '-1 is negative.',
      9,
    ]);
  });

  it('replaces a worker that stops, failing only the jobs it held', { timeout: 30_000 }, async () => {
    await expect(pool.run(13)).rejects.toThrow('A square worker stopped before finishing.');
    expect(await Promise.all([pool.run(8), pool.run(9)])).toEqual([64, 81]);
  });

  it('refuses work once closed', async () => {
    const closing = createWorkerPool<number, number>(WORKER, 1, 'square');
    await closing.close();
    await expect(closing.run(1)).rejects.toThrow('The square pool is closed.');
  });
});
