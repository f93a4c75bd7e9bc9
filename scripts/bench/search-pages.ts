/**
 * The search benchmark's synthetic article pages: items drawn from a made-up
 * vocabulary with Zipf-skewed words and tags, written in the shape our article
 * pages have (`<article data-pagefind-body>`, the weighted h1 and the filter,
 * sort and meta elements of SearchMeta, from searchFacets). Pure and seeded:
 * the same pages on every run.
 */
import type { Item } from '#src/archive/schema.ts';
import { searchFacets } from '#src/search/facets.ts';
import { escapeHtml } from './html.ts';
import { Random, Zipf } from './random.ts';
import { madeUpWords } from './vocabulary.ts';

export interface SearchBenchItem {
  feed: string;
  stem: string;
  item: Item;
  sourceTitle: string;
  body: string;
}

const capitalised = (word: string) => `${word[0]?.toUpperCase()}${word.slice(1)}`;

/** `count` items over 50 feeds, and the vocabulary ranked by frequency (rank 0 most common). */
export function searchBenchItems(count: number): { items: SearchBenchItem[]; words: string[] } {
  const random = new Random(20_000);
  const words = madeUpWords(8000, random);
  const tags = madeUpWords(200, new Random(7)).map(capitalised);
  const authors = madeUpWords(600, new Random(11)).map((name) => `${capitalised(name)} Lind`);
  const wordRanks = new Zipf(words.length, 1);
  const tagRanks = new Zipf(tags.length, 1);
  const feeds = Array.from({ length: 50 }, (_, index) => `feed-${String(index).padStart(2, '0')}`);
  const sentence = (length: number) => Array.from({ length }, () => words[wordRanks.sample(random)]).join(' ');
  const items: SearchBenchItem[] = [];
  for (let index = 0; index < count; index += 1) {
    const feed = feeds[index % feeds.length] ?? 'feed-00';
    const published = new Date(Date.UTC(2015, 0, 1) + Math.floor(random.next() * 11 * 365) * 86_400_000);
    const title = sentence(random.int(4, 8));
    const paragraphs = Array.from({ length: random.int(2, 5) }, () => `<p>${sentence(random.int(40, 99))}.</p>`);
    const item: Item = {
      title,
      id: `urn:bench:${index}`,
      source: feed,
      authors: [random.pick(authors)],
      tags: [...new Set(Array.from({ length: random.int(1, 3) }, () => tags[tagRanks.sample(random)] ?? 'Misc'))],
      published,
      firstSeen: published,
      summary: '',
      hash: `bench-${index}`,
    };
    const stem = `${published.toISOString().slice(0, 10)}-item-${index}`;
    items.push({ feed, stem, item, sourceTitle: `Feed ${feed.slice(5)}`, body: paragraphs.join('\n') });
  }
  return { items, words };
}

/** An article page in the shape src/routes/items renders, with SearchMeta's elements. */
export function searchBenchPage(entry: SearchBenchItem): string {
  const facets = searchFacets(entry.item, entry.sourceTitle);
  const hidden = [
    ...facets.filters.map(
      ([key, value]) => `<span data-pagefind-filter="${key}[data-value]" data-value="${escapeHtml(value)}"></span>`,
    ),
    `<span data-pagefind-sort="date[data-value]" data-value="${facets.sortDate}"></span>`,
    ...facets.meta.map(
      ([key, value]) => `<span data-pagefind-meta="${key}[data-value]" data-value="${escapeHtml(value)}"></span>`,
    ),
  ].join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(entry.item.title)}</title></head><body><header><a href="/">feedshelf</a></header><main><article data-pagefind-body><h1 data-pagefind-weight="10">${escapeHtml(entry.item.title)}</h1><div hidden>${hidden}</div>${entry.body}</article></main></body></html>\n`;
}
