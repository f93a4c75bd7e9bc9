import { describe, expect, it } from 'vitest';
import { searchBenchItems, searchBenchPage } from '#scripts/bench/search-pages.ts';

describe('searchBenchItems', () => {
  it('makes the same items on every run, over 50 feeds, with 8,000 distinct words', () => {
    const first = searchBenchItems(60);
    const again = searchBenchItems(60);
    expect(again.items.map(searchBenchPage)).toEqual(first.items.map(searchBenchPage));
    expect(new Set(first.words).size).toBe(8000);
    expect(new Set(first.items.map((entry) => entry.feed)).size).toBe(50);
  });

  it('writes pages in the article shape Pagefind reads', () => {
    const [entry] = searchBenchItems(1).items;
    if (entry === undefined) throw new Error('no item');
    const page = searchBenchPage(entry);
    expect(page).toContain('<article data-pagefind-body><h1 data-pagefind-weight="10">');
    expect(page).toContain(`data-pagefind-filter="source[data-value]" data-value="${entry.sourceTitle}"`);
    expect(page).toContain('data-pagefind-sort="date[data-value]"');
  });
});
