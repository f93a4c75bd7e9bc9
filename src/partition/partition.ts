/**
 * Which pages a partition of the build renders. A large archive can be built
 * by N machines at once (`feedshelf build --partition i/N`, a GitHub Actions
 * matrix), each rendering a share of the pages, and merged afterwards
 * (merge-fs.ts) into the output a single build gives.
 *
 * Every page belongs to exactly one partition, chosen by a hash of its key, so
 * the shares are even and a page stays in its partition from build to build
 * (each matrix job's incremental cache stays useful). The key of an article's
 * page, its sharing card and its earlier versions is the item's id: one
 * partition renders the item's body and every page that shows it whole. Any
 * other page's key is its path. Pure.
 */
import { createHash } from 'node:crypto';

/** The environment variable that makes `astro build` render one partition: `i/N`. */
export const PARTITION_VARIABLE = 'FEEDSHELF_PARTITION';

/** At most this many partitions: a GitHub Actions matrix runs at most 256 jobs. */
export const MAX_PARTITIONS = 256;

export interface Partition {
  /** 1 to `of`. */
  index: number;
  of: number;
}

/** `3/4` → { index: 3, of: 4 }; an error that says what a partition looks like otherwise. */
export function parsePartition(text: string): Partition {
  const match = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const of = Number(match?.[2]);
  if (match === null || index > of || of > MAX_PARTITIONS) {
    throw new RangeError(
      `A partition is I/N with 1 ≤ I ≤ N ≤ ${MAX_PARTITIONS} (e.g. 2/4 for the second of four), not "${text}".`,
    );
  }
  return { index, of };
}

export function formatPartition(partition: Partition): string {
  return `${partition.index}/${partition.of}`;
}

/** The partition FEEDSHELF_PARTITION names; undefined when unset (the whole site). */
export function partitionFromEnvironment(env: Readonly<Record<string, string | undefined>>): Partition | undefined {
  const value = env[PARTITION_VARIABLE];
  if (value === undefined || value === '') return undefined;
  try {
    return parsePartition(value);
  } catch (error) {
    throw new RangeError(`${PARTITION_VARIABLE}: ${(error as Error).message} Unset it to build the whole site.`);
  }
}

/** The partition (1 to `of`) a key belongs to. */
export function partitionOf(key: string, of: number): number {
  if (of === 1) return 1;
  return (createHash('sha256').update(key).digest().readUInt32BE(0) % of) + 1;
}

/** Routes whose pages show one item whole, by the prefix of their paths. */
const ITEM_PREFIXES = ['/items/', '/og/', '/revisions/'];

/** An item's id (`<feed>/<stem>`) from an entry id: an item's own, or an earlier version's (`<feed>/<stem>/<n>`). */
export function itemKey(entryId: string): string {
  return entryId.split('/').slice(0, 2).join('/');
}

/**
 * The key of the page at `pathname` (Astro's, without the base): the item's id
 * for an article, its card and its earlier versions; the path for any other.
 */
export function pageKey(pathname: string): string {
  const path = pathname.startsWith('/') ? pathname : `/${pathname}`;
  const prefix = ITEM_PREFIXES.find((candidate) => path.startsWith(candidate));
  if (prefix === undefined) return path.replace(/\/?$/, '/');
  return itemKey(
    path
      .slice(prefix.length)
      .replace(/\.png$/, '')
      .replace(/\/$/, ''),
  );
}

/** Whether the page at `pathname` is rendered by `partition` (every page is, with no partition). */
export function rendersPage(partition: Partition | undefined, pathname: string): boolean {
  return partition === undefined || partitionOf(pageKey(pathname), partition.of) === partition.index;
}

/** Whether `partition` renders the item of entry `entryId` (its body, card and earlier versions). */
export function rendersItem(partition: Partition | undefined, entryId: string): boolean {
  return partition === undefined || partitionOf(itemKey(entryId), partition.of) === partition.index;
}
