/**
 * How many machines the CI workflow builds the site on: one until the archive
 * holds FEEDSHELF_PARTITION_ITEMS items (20,000 unless the repository sets
 * that variable), then FEEDSHELF_PARTITIONS (4 unless set), as the GitHub
 * Actions matrix of partitions the build jobs run (src/partition/). Pure.
 */
import { MAX_PARTITIONS, type Partition } from '#src/partition/partition.ts';

export const DEFAULT_PARTITION_ITEMS = 20_000;
export const DEFAULT_PARTITIONS = 4;

function wholeNumber(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!/^\s*[0-9]+\s*$/.test(value) || number < 1 || number > max) {
    throw new RangeError(
      `${name} must be a whole number from 1 to ${max}, not "${value}": set it in the workflow's plan step, or remove it for the default of ${fallback}.`,
    );
  }
  return number;
}

/** The matrix for an archive of `items` items: each partition the build jobs render, in order. */
export function partitionMatrix(items: number, env: Readonly<Record<string, string | undefined>>): Partition[] {
  const threshold = wholeNumber(
    'FEEDSHELF_PARTITION_ITEMS',
    env.FEEDSHELF_PARTITION_ITEMS,
    DEFAULT_PARTITION_ITEMS,
    Number.MAX_SAFE_INTEGER,
  );
  const count = wholeNumber('FEEDSHELF_PARTITIONS', env.FEEDSHELF_PARTITIONS, DEFAULT_PARTITIONS, MAX_PARTITIONS);
  const of = items >= threshold ? count : 1;
  return Array.from({ length: of }, (_, i) => ({ index: i + 1, of }));
}
