import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forEachSyntheticFeed, type SyntheticFeedFile } from '#scripts/bench/archive.ts';
import { SIZE_MEDIAN_BYTES, SIZE_P90_BYTES, syntheticItem, TAG_COUNT } from '#scripts/bench/item.ts';
import { Random, Zipf } from '#scripts/bench/random.ts';
import { parseFeed } from '#src/ingest/parse.ts';

const SAMPLE = 4000;
const items = Array.from({ length: SAMPLE }, (_, index) => syntheticItem(7, index, 6));

function feedsOf(count: number, seed: number): SyntheticFeedFile[] {
  const feeds: SyntheticFeedFile[] = [];
  forEachSyntheticFeed({ items: count, seed }, (feed) => feeds.push(feed));
  return feeds;
}

const digest = (feeds: SyntheticFeedFile[]) =>
  createHash('sha256')
    .update(feeds.map((feed) => `${feed.file}\n${feed.text}`).join('\n'))
    .digest('hex');

describe('size distribution', () => {
  const sizes = items.map((item) => Buffer.byteLength(item.html)).sort((a, b) => a - b);

  it('has a median of about 6 KB of HTML', () => {
    const median = sizes[SAMPLE / 2] ?? 0;
    expect(median).toBeGreaterThan(SIZE_MEDIAN_BYTES * 0.92);
    expect(median).toBeLessThan(SIZE_MEDIAN_BYTES * 1.08);
  });

  it('has about a tenth of items over 20 KB', () => {
    const over = sizes.filter((size) => size > SIZE_P90_BYTES).length / SAMPLE;
    expect(over).toBeGreaterThan(0.08);
    expect(over).toBeLessThan(0.12);
  });
});

describe('content', () => {
  const all = items.map((item) => item.html).join('\n');

  it('has code in every language, images, lists, headings and an occasional table', () => {
    const languages = new Set([...all.matchAll(/<code class="language-([a-z]+)">/g)].map((match) => match[1]));
    expect([...languages].sort()).toEqual(['bash', 'go', 'javascript', 'json', 'python', 'rust', 'sql', 'typescript']);
    const share = (pattern: RegExp) => items.filter((item) => pattern.test(item.html)).length / SAMPLE;
    expect(share(/<img /)).toBeGreaterThan(0.3);
    expect(share(/<(ul|ol)>/)).toBeGreaterThan(0.4);
    expect(share(/<h2>/)).toBeGreaterThan(0.4);
    expect(share(/<table>/)).toBeGreaterThan(0.05);
    expect(share(/<table>/)).toBeLessThan(0.5);
  });

  it('draws tags from a long-tailed distribution', () => {
    const counts = new Map<string, number>();
    for (const item of items) for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const ranked = [...counts.values()].sort((a, b) => b - a);
    const total = ranked.reduce((sum, count) => sum + count, 0);
    const top10 = ranked.slice(0, 10).reduce((sum, count) => sum + count, 0);
    expect(top10 / total).toBeGreaterThan(0.35);
    expect(counts.size).toBeGreaterThan(TAG_COUNT * 0.75);
    expect(ranked.filter((count) => count <= 3).length).toBeGreaterThan(50);
  });

  it('has several authors and one to five tags per item', () => {
    const authors = new Set(items.flatMap((item) => item.authors));
    expect(authors.size).toBeGreaterThan(60);
    expect(items.every((item) => item.tags.length >= 1 && item.tags.length <= 5)).toBe(true);
  });
});

describe('Zipf', () => {
  it('makes rank 0 about twice as common as rank 1 when s = 1', () => {
    const zipf = new Zipf(100, 1);
    const random = new Random(3);
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const rank = zipf.sample(random);
      counts[rank] = (counts[rank] ?? 0) + 1;
    }
    const ratio = (counts[0] ?? 0) / (counts[1] ?? 1);
    expect(ratio).toBeGreaterThan(1.85);
    expect(ratio).toBeLessThan(2.15);
  });
});

describe('feed files', () => {
  it('are the same bytes for the same seed and differ for another seed', () => {
    expect(digest(feedsOf(300, 11))).toBe(digest(feedsOf(300, 11)));
    expect(digest(feedsOf(300, 11))).not.toBe(digest(feedsOf(300, 12)));
  });

  it('keep every earlier item identical when 50 items are added', () => {
    const before = feedsOf(300, 11);
    const after = feedsOf(350, 11);
    expect(after.map((feed) => feed.file)).toEqual(before.map((feed) => feed.file));
    expect(after.reduce((sum, feed) => sum + feed.items, 0)).toBe(350);
    before.forEach((feed, index) => {
      const entries = feed.text.slice(feed.text.search(/<item>|<entry>/));
      const grown = after[index];
      expect(grown?.text.endsWith(entries)).toBe(true);
      expect((grown?.items ?? 0) - feed.items).toBeGreaterThan(7);
    });
  });

  it('spread items over RSS and Atom feeds that the snapshot parser reads in full', async () => {
    const feeds = feedsOf(120, 5);
    expect(feeds.map((feed) => [feed.file, feed.items])).toEqual([
      ['source-000.rss.xml', 20],
      ['source-001.atom.xml', 20],
      ['source-002.rss.xml', 20],
      ['source-003.atom.xml', 20],
      ['source-004.rss.xml', 20],
      ['source-005.atom.xml', 20],
    ]);
    for (const feed of feeds.slice(0, 2)) {
      const parsed = await parseFeed(feed.text, `file:///${feed.file}`);
      expect(parsed.format).toBe(feed.source.format === 'rss' ? 'rss2' : 'atom');
      expect(parsed.entries).toHaveLength(20);
      expect(parsed.entries.every((entry) => entry.contentHtml?.includes('<p>') && entry.authors.length > 0)).toBe(
        true,
      );
    }
  });
});
