/**
 * Which partition renders a page: partitions are written I/N and refused
 * otherwise, each page has one key (an item's id for its article, card and
 * earlier versions), the shares are even, and an item's body is rendered by
 * the partition that renders its page.
 */
import { describe, expect, it } from 'vitest';
import {
  formatPartition,
  itemKey,
  pageKey,
  parsePartition,
  partitionFromEnvironment,
  partitionOf,
  rendersItem,
  rendersPage,
} from '#src/partition/partition.ts';

describe('parsePartition', () => {
  it('reads I/N', () => {
    expect(parsePartition('3/4')).toEqual({ index: 3, of: 4 });
    expect(parsePartition(' 1/1 ')).toEqual({ index: 1, of: 1 });
    expect(formatPartition({ index: 2, of: 16 })).toBe('2/16');
  });

  it.each(['0/4', '5/4', '4', '1/0', '-1/2', '1.5/4', '01/4', 'a/b', '1/257', ''])('refuses %j', (text) => {
    expect(() => parsePartition(text)).toThrow(
      `A partition is I/N with 1 ≤ I ≤ N ≤ 256 (e.g. 2/4 for the second of four), not "${text}".`,
    );
  });

  it('reads FEEDSHELF_PARTITION, and says which variable is wrong', () => {
    expect(partitionFromEnvironment({})).toBeUndefined();
    expect(partitionFromEnvironment({ FEEDSHELF_PARTITION: '' })).toBeUndefined();
    expect(partitionFromEnvironment({ FEEDSHELF_PARTITION: '2/3' })).toEqual({ index: 2, of: 3 });
    expect(() => partitionFromEnvironment({ FEEDSHELF_PARTITION: '4/3' })).toThrow(
      'FEEDSHELF_PARTITION: A partition is I/N with 1 ≤ I ≤ N ≤ 256 (e.g. 2/4 for the second of four), not "4/3". Unset it to build the whole site.',
    );
  });
});

describe('pageKey', () => {
  it("is the item's id for its article, its sharing card and its earlier versions", () => {
    expect(pageKey('/items/blog/2026-04-01-post/')).toBe('blog/2026-04-01-post');
    expect(pageKey('/items/blog/2026-04-01-post')).toBe('blog/2026-04-01-post');
    expect(pageKey('/og/blog/2026-04-01-post.png')).toBe('blog/2026-04-01-post');
    expect(pageKey('/revisions/blog/2026-04-01-post/2/')).toBe('blog/2026-04-01-post');
    expect(pageKey('/revisions/blog/2026-04-01-post/2/changes/')).toBe('blog/2026-04-01-post');
    expect(itemKey('blog/2026-04-01-post/2')).toBe('blog/2026-04-01-post');
  });

  it('is the path, with its slash, for any other page', () => {
    expect(pageKey('/')).toBe('/');
    expect(pageKey('/tags/rust/2')).toBe('/tags/rust/2/');
    expect(pageKey('tags/rust/2/')).toBe('/tags/rust/2/');
    expect(pageKey('/rss.xml')).toBe('/rss.xml/');
  });
});

describe('partitionOf', () => {
  it('puts everything in the one partition of one', () => {
    expect(partitionOf('anything', 1)).toBe(1);
  });

  it('spreads 10,000 pages evenly over 4 partitions, the same way each time', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const partition = partitionOf(`/items/feed-${i % 20}/2026-01-01-item-${i}/`, 4);
      counts[partition - 1] = (counts[partition - 1] ?? 0) + 1;
      expect(partitionOf(`/items/feed-${i % 20}/2026-01-01-item-${i}/`, 4)).toBe(partition);
    }
    for (const count of counts) expect(Math.abs(count - 2500)).toBeLessThan(150);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
  });
});

describe('rendersPage and rendersItem', () => {
  it("agree: the partition of an item's page renders its body, its card and its earlier versions", () => {
    for (let i = 0; i < 200; i++) {
      const id = `feed-${i % 7}/2026-02-03-item-${i}`;
      for (let index = 1; index <= 3; index++) {
        const partition = { index, of: 3 };
        const mine = rendersItem(partition, id);
        expect(rendersPage(partition, `/items/${id}/`)).toBe(mine);
        expect(rendersPage(partition, `/og/${id}.png`)).toBe(mine);
        expect(rendersPage(partition, `/revisions/${id}/1/changes/`)).toBe(mine);
        expect(rendersItem(partition, `${id}/1`)).toBe(mine);
      }
      const owners = [1, 2, 3].filter((index) => rendersItem({ index, of: 3 }, id));
      expect(owners).toHaveLength(1);
    }
  });

  it('render everything without a partition', () => {
    expect(rendersPage(undefined, '/stats/')).toBe(true);
    expect(rendersItem(undefined, 'a/b')).toBe(true);
  });
});
