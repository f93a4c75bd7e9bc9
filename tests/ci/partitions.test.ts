/**
 * The workflow's plan: one machine until the archive holds
 * FEEDSHELF_PARTITION_ITEMS items, then a matrix of FEEDSHELF_PARTITIONS
 * partitions, written as the `partitions=` output of the plan step; a bad
 * setting stops the plan with what to do.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partitionMatrix } from '#scripts/ci/partitions.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

describe('partitionMatrix', () => {
  it('builds on one machine below 20,000 items and on four from there', () => {
    expect(partitionMatrix(19_999, {})).toEqual([{ index: 1, of: 1 }]);
    expect(partitionMatrix(20_000, {})).toEqual([
      { index: 1, of: 4 },
      { index: 2, of: 4 },
      { index: 3, of: 4 },
      { index: 4, of: 4 },
    ]);
  });

  it('takes the threshold and the count from the workflow', () => {
    const env = { FEEDSHELF_PARTITION_ITEMS: '100', FEEDSHELF_PARTITIONS: '2' };
    expect(partitionMatrix(99, env)).toEqual([{ index: 1, of: 1 }]);
    expect(partitionMatrix(100, env)).toEqual([
      { index: 1, of: 2 },
      { index: 2, of: 2 },
    ]);
    expect(partitionMatrix(5, { FEEDSHELF_PARTITION_ITEMS: '', FEEDSHELF_PARTITIONS: '' })).toEqual([
      { index: 1, of: 1 },
    ]);
  });

  it.each([
    ['FEEDSHELF_PARTITIONS', '0', 'from 1 to 256', 4],
    ['FEEDSHELF_PARTITIONS', '257', 'from 1 to 256', 4],
    ['FEEDSHELF_PARTITIONS', '2.5', 'from 1 to 256', 4],
    ['FEEDSHELF_PARTITION_ITEMS', 'many', `from 1 to ${Number.MAX_SAFE_INTEGER}`, 20000],
  ])('refuses %s=%j', (name, value, range, fallback) => {
    expect(() => partitionMatrix(1, { [name]: value })).toThrow(
      `${name} must be a whole number ${range}, not "${value}": set it in the workflow's plan step, or remove it for the default of ${fallback}.`,
    );
  });
});

describe('ci-summary --partitions', () => {
  const temp = useTempDir('feedshelf-partitions-');

  it('writes the matrix as the step output, counting the archive’s items', async () => {
    for (const feed of ['a', 'b']) {
      await mkdir(join(temp.path, 'items', feed), { recursive: true });
      for (let i = 0; i < 3; i++) await writeFile(join(temp.path, 'items', feed, `${i}.md`), '---\n---\n');
    }
    await writeFile(join(temp.path, 'items', 'notes.txt'), 'not an item');
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['scripts/ci-summary.ts', '--partitions', join(temp.path, 'items')], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...env },
      });
    expect(run({ FEEDSHELF_PARTITION_ITEMS: '6', FEEDSHELF_PARTITIONS: '2' })).toMatchObject({
      status: 0,
      stdout: 'partitions=[{"index":1,"of":2},{"index":2,"of":2}]\n',
      stderr: '6 items: the site is built in 2 partition(s).\n',
    });
    expect(run({ FEEDSHELF_PARTITION_ITEMS: '7' })).toMatchObject({
      status: 0,
      stdout: 'partitions=[{"index":1,"of":1}]\n',
    });
    expect(run({ FEEDSHELF_PARTITIONS: 'four' })).toMatchObject({
      status: 1,
      stdout: '',
      stderr:
        'FEEDSHELF_PARTITIONS must be a whole number from 1 to 256, not "four": set it in the workflow\'s plan step, or remove it for the default of 4.\n',
    });
  });
});
