import { describe, expect, it } from 'vitest';
import {
  groupByAuthor,
  groupByMonth,
  groupBySource,
  groupByTag,
  groupByYear,
  sortByCount,
  sortByName,
} from '#src/site/group.ts';
import { sortNewest } from '#src/site/items.ts';
import { ids, makeItem } from './_items.ts';

const items = [
  makeItem('a/one', { published: '2026-01-05T00:00:00Z', tags: ['Python', 'SQL'], authors: ['Ana Núñez'] }),
  makeItem('a/two', { published: '2026-03-02T00:00:00Z', tags: ['python', 'Shell'], authors: ['Ana Núñez', 'Li Wei'] }),
  makeItem('b/three', { published: '2025-12-31T23:30:00Z', tags: ['C++', 'C#'], authors: ['Li Wei'] }),
  makeItem('b/four', { published: '2026-03-02T00:00:00Z', tags: ['Python'] }),
];

describe('sortNewest', () => {
  it('orders by date, newest first, and breaks ties by id', () => {
    expect(ids(sortNewest(items))).toEqual(['a/two', 'b/four', 'a/one', 'b/three']);
  });
});

describe('groupByTag', () => {
  it('merges spellings that share a slug under the most used name', () => {
    const groups = groupByTag(items);
    expect(groups.map((group) => [group.slug, group.name, ids(group.items)])).toEqual([
      ['c-plus-plus', 'C++', ['b/three']],
      ['c-sharp', 'C#', ['b/three']],
      ['python', 'Python', ['a/two', 'b/four', 'a/one']],
      ['shell', 'Shell', ['a/two']],
      ['sql', 'SQL', ['a/one']],
    ]);
  });

  it('moves a tag named by-name off the tags/by-name/ page and keeps by-name-tag apart', () => {
    const reserved = [
      makeItem('x/1', { published: '2026-01-01T00:00:00Z', tags: ['by-name', 'By Name'] }),
      makeItem('x/2', { published: '2026-01-02T00:00:00Z', tags: ['by-name-tag'] }),
    ];
    expect(groupByTag(reserved).map((group) => [group.slug, group.name, ids(group.items)])).toEqual([
      ['by-name-tag', 'by-name', ['x/1']],
      ['by-name-tag-tag', 'by-name-tag', ['x/2']],
    ]);
  });

  it('counts an item once when two of its tags share a slug', () => {
    const doubled = [makeItem('x/1', { published: '2026-01-01T00:00:00Z', tags: ['Go', 'go'] })];
    expect(groupByTag(doubled).map((group) => [group.slug, group.items.length])).toEqual([['go', 1]]);
  });
});

describe('groupByAuthor', () => {
  it('groups by transliterated slug and keeps the display name', () => {
    expect(groupByAuthor(items).map((group) => [group.slug, group.name, ids(group.items)])).toEqual([
      ['ana-nunez', 'Ana Núñez', ['a/two', 'a/one']],
      ['li-wei', 'Li Wei', ['a/two', 'b/three']],
    ]);
  });
});

describe('groupBySource', () => {
  it('groups by feed id', () => {
    expect(groupBySource(items).map((group) => [group.slug, ids(group.items)])).toEqual([
      ['a', ['a/two', 'a/one']],
      ['b', ['b/four', 'b/three']],
    ]);
  });
});

describe('groupByYear and groupByMonth', () => {
  it('use the UTC date of publication', () => {
    expect(groupByYear(items).map((group) => [group.slug, ids(group.items)])).toEqual([
      ['2025', ['b/three']],
      ['2026', ['a/two', 'b/four', 'a/one']],
    ]);
    expect(groupByMonth(items).map((group) => [group.slug, ids(group.items)])).toEqual([
      ['2025/12', ['b/three']],
      ['2026/01', ['a/one']],
      ['2026/03', ['a/two', 'b/four']],
    ]);
  });
});

describe('sorting groups', () => {
  it('sorts by count then slug, and by name then slug', () => {
    const groups = groupByTag(items);
    expect(sortByCount(groups).map((group) => group.slug)).toEqual([
      'python',
      'c-plus-plus',
      'c-sharp',
      'shell',
      'sql',
    ]);
    expect(sortByName(groups).map((group) => group.name)).toEqual(['C#', 'C++', 'Python', 'Shell', 'SQL']);
  });
});
