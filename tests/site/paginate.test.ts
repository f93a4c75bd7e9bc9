import { describe, expect, it } from 'vitest';
import { pageParam, paginate } from '#src/site/paginate.ts';

describe('paginate', () => {
  it('splits into full pages and a last partial page', () => {
    const pages = paginate([1, 2, 3, 4, 5, 6, 7], 3);
    expect(pages.map((page) => [page.number, page.lastPage, page.total, page.start, page.items])).toEqual([
      [1, 3, 7, 0, [1, 2, 3]],
      [2, 3, 7, 3, [4, 5, 6]],
      [3, 3, 7, 6, [7]],
    ]);
  });

  it('gives one empty page for an empty list', () => {
    expect(paginate([], 30)).toEqual([{ number: 1, lastPage: 1, total: 0, start: 0, items: [] }]);
  });

  it('gives exactly n pages when the list divides evenly', () => {
    expect(paginate([1, 2, 3, 4], 2).map((page) => page.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('rejects a page size below one', () => {
    expect(() => paginate([1], 0)).toThrow('Page size must be a positive integer, got 0.');
  });
});

describe('pageParam', () => {
  it('leaves page 1 at the bare path', () => {
    expect([pageParam(1), pageParam(2), pageParam(12)]).toEqual([undefined, '2', '12']);
  });
});
