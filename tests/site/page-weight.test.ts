/**
 * The weight of what every list entry and every article page repeats, in a
 * built synthetic archive of 60 items over 3 feeds, each with a summary of
 * the 300 characters the schema allows: a list entry writes its day once, as
 * its text shows it, links each URL once and cuts its summary to about two
 * lines; an article page writes its description twice (the description and
 * og:description, no twitter: copies), shows three related cards, and its
 * sharing card is a small indexed PNG. The byte budgets are this input's
 * measured sizes with a little room: a change that adds to every entry or
 * page shows here first.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTION_LENGTH, SUMMARY_LENGTH } from '#src/site/cards.ts';
import { RELATED_LIMIT } from '#src/site/related.ts';
import { itemText, type SyntheticItem, writeSyntheticArchive } from '../helpers/synthetic-archive.ts';
import { type BuiltSite, buildArchive } from './_build.ts';

const ITEMS = 60;
let work: string;
let site: BuiltSite;
let items: SyntheticItem[];
let home: string;
let article: string;
let newest: SyntheticItem;

/** A summary of exactly 300 characters, as long as the schema allows, different for each item. */
function longSummary(index: number): string {
  const words = `Item ${index} summary: a sentence about feeds, archives, search and static sites, repeated. `;
  return words
    .repeat(Math.ceil(300 / words.length))
    .slice(0, 299)
    .trimEnd()
    .padEnd(299, 'x')
    .concat('…');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-weight-'));
  items = await writeSyntheticArchive(work, ITEMS, 3);
  for (const [index, item] of items.entries()) {
    const long = { ...item, frontmatter: { ...item.frontmatter, summary: longSummary(index) } };
    await writeFile(join(work, 'items', `${item.id}.md`), itemText(long));
  }
  newest = items[ITEMS - 1] as SyntheticItem;
  site = await buildArchive({ itemsDir: join(work, 'items'), stateDir: join(work, 'state') });
  home = await readFile(join(site.dist, 'index.html'), 'utf8');
  article = await readFile(join(site.dist, 'items', newest.id, 'index.html'), 'utf8');
}, 600_000);
afterAll(async () => {
  await site?.remove();
  await rm(work, { recursive: true, force: true });
});

const entriesOf = (html: string) =>
  [...html.matchAll(/<ol class="item-list">([\s\S]*?)<\/ol>/g)].flatMap((list) => [
    ...(list[1] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g),
  ]);

describe('a list page of 30 entries', () => {
  it('writes each entry day once, as its text shows it, and each URL once', () => {
    const entries = entriesOf(home).map((entry) => entry[1] ?? '');
    expect(entries).toHaveLength(30);
    for (const entry of entries) {
      const times = [...entry.matchAll(/<time datetime="([^"]+)">([^<]+)<\/time>/g)];
      expect(times).toHaveLength(1);
      expect(times[0]?.[1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const hrefs = [...entry.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
      expect(new Set(hrefs).size).toBe(hrefs.length);
    }
    const first = entries[0] ?? '';
    expect(first).toContain(`<time datetime="${String(newest.frontmatter.published).slice(0, 10)}">`);
  });

  it('cuts each summary to about two lines, at a word, with an ellipsis', () => {
    const summaries = [...home.matchAll(/<p class="item-summary">([^<]*)<\/p>/g)].map((match) => match[1] ?? '');
    expect(summaries).toHaveLength(30);
    for (const summary of summaries) {
      expect(summary.length).toBeLessThanOrEqual(SUMMARY_LENGTH);
      expect(summary.length).toBeGreaterThan(SUMMARY_LENGTH - 20);
      expect(summary.endsWith('…')).toBe(true);
    }
  });

  it('stays within its byte budget: 16,487 bytes measured, 20,124 before the cuts', () => {
    expect(Buffer.byteLength(home)).toBeLessThanOrEqual(16_700);
  });
});

describe('an article page', () => {
  it('writes its description twice, cut to what is shown, and no twitter: copies of the og: tags', () => {
    const descriptions = [
      ...article.matchAll(/<meta (?:name|property)="(description|og:description)" content="([^"]*)">/g),
    ];
    expect(descriptions.map((match) => match[1])).toEqual(['description', 'og:description']);
    expect(descriptions[0]?.[2]).toBe(descriptions[1]?.[2]);
    expect(descriptions[0]?.[2]?.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
    expect(article).not.toMatch(/<meta name="twitter:(title|description|image)"/);
    expect(article).toContain('<meta name="twitter:card" content="summary_large_image">');
  });

  it('shows three related cards, each day written once', () => {
    const cards = [...article.matchAll(/<li class="card">([\s\S]*?)<\/li>/g)];
    expect(cards).toHaveLength(RELATED_LIMIT);
    for (const card of cards) expect(card[1]).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
  });

  it('keeps the facets Pagefind reads', () => {
    for (const facet of ['tag', 'source', 'author', 'year'])
      expect(article).toContain(`data-pagefind-filter="${facet}[data-value]"`);
    expect(article).toContain('data-pagefind-sort="date[data-value]"');
    for (const meta of ['title', 'date', 'source', 'author'])
      expect(article).toContain(`data-pagefind-meta="${meta}[data-value]"`);
  });

  it('stays within its byte budget: 7,089 bytes measured, 8,965 before the cuts', () => {
    expect(Buffer.byteLength(article)).toBeLessThanOrEqual(7_250);
  });

  it('shares a sharing card of a few kilobytes, 16 colours at most (5.5 kB measured, 6.6 kB before)', async () => {
    const png = await readFile(join(site.dist, 'og', `${newest.id}.png`));
    const metadata = await sharp(png).metadata();
    expect([metadata.width, metadata.height, metadata.isPalette, metadata.bitsPerSample]).toEqual([1200, 630, true, 4]);
    expect(png.length).toBeLessThan(8 * 1024);
  });
});
