import { describe, expect, it } from 'vitest';
import { groupBySource, groupByTag } from '#src/site/group.ts';
import { sortNewest } from '#src/site/items.ts';
import { neighboursBySource, RELATED_LIMIT, relatedItems } from '#src/site/related.ts';
import { ids, makeItem } from './_items.ts';

const items = sortNewest([
  makeItem('a/target', { published: '2026-02-01T00:00:00Z', tags: ['Python', 'SQL', 'Shell'] }),
  makeItem('a/two-shared', { published: '2026-01-01T00:00:00Z', tags: ['Python', 'SQL'] }),
  makeItem('b/three-shared', { published: '2025-06-01T00:00:00Z', tags: ['python', 'SQL', 'Shell'] }),
  makeItem('b/one-new', { published: '2026-03-01T00:00:00Z', tags: ['SQL'] }),
  makeItem('c/one-old', { published: '2025-01-01T00:00:00Z', tags: ['Shell'] }),
  makeItem('c/one-tie-a', { published: '2025-05-01T00:00:00Z', tags: ['Python'] }),
  makeItem('c/one-tie-b', { published: '2025-05-01T00:00:00Z', tags: ['Python'] }),
  makeItem('d/unrelated', { published: '2026-02-02T00:00:00Z', tags: ['Go'] }),
]);
const tagIndex = new Map(groupByTag(items).map((group) => [group.slug, group]));
const target = items.find((item) => item.id === 'a/target');

describe('relatedItems', () => {
  it('ranks by shared tags, then newest, then id, and stops at five when asked', () => {
    if (!target) throw new Error('fixture missing');
    expect(ids(relatedItems(target, tagIndex, 5))).toEqual([
      'b/three-shared',
      'a/two-shared',
      'b/one-new',
      'c/one-tie-a',
      'c/one-tie-b',
    ]);
  });

  it('stops at RELATED_LIMIT, three (one row of cards), by default', () => {
    if (!target) throw new Error('fixture missing');
    expect(RELATED_LIMIT).toBe(3);
    expect(ids(relatedItems(target, tagIndex))).toEqual(['b/three-shared', 'a/two-shared', 'b/one-new']);
  });

  it('honours a smaller limit and never lists the item itself', () => {
    if (!target) throw new Error('fixture missing');
    expect(ids(relatedItems(target, tagIndex, 2))).toEqual(['b/three-shared', 'a/two-shared']);
  });

  it('finds related items through a tag whose slug was moved off a reserved segment', () => {
    const reserved = sortNewest([
      makeItem('r/one', { published: '2026-01-01T00:00:00Z', tags: ['by-name'] }),
      makeItem('r/two', { published: '2026-01-02T00:00:00Z', tags: ['By Name'] }),
    ]);
    const index = new Map(groupByTag(reserved).map((group) => [group.slug, group]));
    expect([...index.keys()]).toEqual(['by-name-tag']);
    const [newest] = reserved;
    if (!newest) throw new Error('fixture missing');
    expect(ids(relatedItems(newest, index))).toEqual(['r/one']);
  });

  it('finds nothing for an item without tags', () => {
    const lonely = makeItem('e/lonely', { published: '2026-01-01T00:00:00Z' });
    expect(relatedItems(lonely, tagIndex)).toEqual([]);
  });
});

describe('neighboursBySource', () => {
  it('links each item to the next older and next newer item of its source', () => {
    const neighbours = neighboursBySource(groupBySource(items));
    const of = (id: string) => {
      const found = neighbours.get(id);
      return [found?.previous?.id, found?.next?.id];
    };
    expect(of('a/target')).toEqual(['a/two-shared', undefined]);
    expect(of('a/two-shared')).toEqual([undefined, 'a/target']);
    expect(of('c/one-tie-a')).toEqual(['c/one-tie-b', undefined]);
    expect(of('c/one-tie-b')).toEqual(['c/one-old', 'c/one-tie-a']);
  });
});
