/**
 * The article page's related items as cards and its sharing image, in built
 * sites of the fixture archive with one item's lead image archived: each card
 * a list item with one link (the title), the source, the date, the excerpt
 * and, for the item with an image, its copy sized and loaded lazily; an
 * article without an archived image shares the card drawn for it (an absolute
 * URL to a 1200×630 PNG in the output), the item with one shares its copy; the
 * whole build (search index, audit) passes. A second build with the same
 * cache draws only the card whose title changed and drops its old one; a
 * third, with Astro's record of restorable pages removed, reads every card
 * from the cards' own cache.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteInChild } from '#scripts/shared/site-build-fs.ts';
import { OG_HEIGHT, OG_WIDTH, ogCardKey } from '#src/site/og-card.ts';
import { siteConfig } from '#src/site.config.ts';
import { png } from '../helpers/png.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { FIXTURE_ARCHIVE } from './_build.ts';
import { listFiles } from './_crawl.ts';

const IMAGE_URL = 'https://alpha-blog.example.org/img/sql.png';
const WITH_IMAGE = 'alpha-blog/2026-01-20-querying-sql';
const ARTICLE = 'alpha-blog/2026-03-02-python-and-sql';
const photo = png(8, 4, 90);
const sha = createHash('sha256').update(photo).digest('hex');
const copy = `media/${sha.slice(0, 2)}/${sha}.png`;

interface Built {
  output: string;
  /** Each article page's HTML by item id. */
  pages: Map<string, string>;
  /** Every file of the output. */
  files: string[];
  /** Each cached card's file name and modification time. */
  cards: Map<string, number>;
}

describe('an article page with related items and a sharing image', () => {
  const work = useTempDir('feedshelf-cards-', 'all');
  let first: Built;
  let second: Built;
  let third: Built;
  const archive = () => join(work.path, 'archive');
  const dist = () => join(work.path, 'dist');

  async function build(kind: 'full' | 'astro'): Promise<Built> {
    const output = await buildSiteInChild({
      itemsDir: join(archive(), 'items'),
      stateDir: join(archive(), 'state'),
      outDir: dist(),
      cacheDir: join(work.path, 'cache'),
      kind,
    });
    const files = await listFiles(dist());
    const pages = new Map<string, string>();
    for (const file of files) {
      const id = /^items\/(.+)\/index\.html$/.exec(file)?.[1];
      if (id) pages.set(id, await readFile(join(dist(), file), 'utf8'));
    }
    const dir = join(work.path, 'cache', 'feedshelf-og');
    const cards = new Map<string, number>();
    for (const name of (await readdir(dir)).sort()) cards.set(name, (await stat(join(dir, name))).mtimeMs);
    return { output: stripVTControlCharacters(output), pages, files, cards };
  }

  beforeAll(async () => {
    await cp(FIXTURE_ARCHIVE, archive(), { recursive: true });
    const itemFile = join(archive(), 'items', `${WITH_IMAGE}.md`);
    await writeFile(
      itemFile,
      (await readFile(itemFile, 'utf8')).replace('\nsummary:', `\nimage: ${IMAGE_URL}\nsummary:`),
    );
    await mkdir(join(archive(), 'media', sha.slice(0, 2)), { recursive: true });
    await writeFile(join(archive(), copy), photo);
    const stored = { file: copy.slice('media/'.length), type: 'image/png', width: 8, height: 4, bytes: photo.length };
    await writeFile(join(archive(), 'media', 'alpha-blog.json'), JSON.stringify({ images: { [IMAGE_URL]: stored } }));
    first = await build('full');
    const renamed = join(archive(), 'items', `${ARTICLE}.md`);
    await writeFile(
      renamed,
      (await readFile(renamed, 'utf8')).replace('title: "Python meets SQL"', 'title: "Python meets SQL again"'),
    );
    second = await build('astro');
    // Astro's own record of the pages it may restore is gone: every card is asked for again.
    await rm(join(work.path, 'cache', 'incremental-build.json'), { force: true });
    await rm(join(work.path, 'cache', 'dist'), { recursive: true, force: true });
    third = await build('astro');
  }, 300_000);

  it('shows the three most related items as cards: one link, source, day, excerpt, and the image sized and lazy', () => {
    const page = first.pages.get(ARTICLE) ?? '';
    const card = (id: string, title: string, source: string, day: string, date: string, excerpt: string, image = '') =>
      `<li class="card">${image}<h3 class="card-title"><a class="card-link" href="/items/${id}/">${title}</a></h3><p class="card-meta">${source} · <time datetime="${day}">${date}</time></p><p class="card-excerpt">${excerpt}</p></li>`;
    expect(/<section class="related"[\s\S]*?<\/section>/.exec(page)?.[0]).toBe(
      [
        '<section class="related" aria-labelledby="related-heading"><h2 id="related-heading">Related items</h2><ul class="card-grid">',
        card(
          'gamma-notes/2026-03-15-databases-revisited',
          'Databases revisited',
          'Gamma Notes',
          '2026-03-15',
          'Mar 15, 2026',
          'Another look at databases.',
        ),
        card(
          WITH_IMAGE,
          'Querying with SQL',
          'Alpha Blog',
          '2026-01-20',
          'Jan 20, 2026',
          'Selecting rows the plain way.',
          `<img class="card-image" src="/${copy}" width="8" height="4" alt="" loading="lazy" decoding="async">`,
        ),
        card(
          'beta-news/2026-01-11-weekly-roundup',
          'Weekly roundup: January',
          'Beta News',
          '2026-01-11',
          'Jan 11, 2026',
          'The week in brief.',
        ),
        '</ul></section>',
      ].join(''),
    );
  });

  it('shares the card drawn for an article without an image, by absolute URL, as a large image', () => {
    const page = first.pages.get(ARTICLE) ?? '';
    expect(page).toContain(
      `<meta property="og:image" content="https://example.org/og/${ARTICLE}.png"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630"><meta name="twitter:card" content="summary_large_image">`,
    );
    // X reads the og: tags: the title, description and image are not written again as twitter: tags.
    expect(page).not.toMatch(/<meta name="twitter:(title|description|image)"/);
    expect(page.match(/<meta property="og:description" content="[^"]*">/g)).toHaveLength(1);
  });

  it("shares an item's archived image instead, and draws no card for it", () => {
    const page = first.pages.get(WITH_IMAGE) ?? '';
    expect(page).toContain(
      `<meta property="og:image" content="https://example.org/${copy}"><meta property="og:image:width" content="8"><meta property="og:image:height" content="4">`,
    );
    expect(first.files).not.toContain(`og/${WITH_IMAGE}.png`);
  });

  it('writes one small 1200×630 PNG per article without an image, and the whole build passes its audit', async () => {
    const expected = [...first.pages.keys()].filter((id) => id !== WITH_IMAGE).map((id) => `og/${id}.png`);
    expect(expected).toHaveLength(11);
    expect(first.files.filter((file) => file.startsWith('og/'))).toEqual(expected.sort());
    for (const file of expected) {
      const bytes = await readFile(join(dist(), file));
      const metadata = await sharp(bytes).metadata();
      expect([file, metadata.format, metadata.width, metadata.height]).toEqual([file, 'png', OG_WIDTH, OG_HEIGHT]);
      expect(bytes.length).toBeLessThan(40 * 1024);
    }
    expect(first.cards.size).toBe(11);
    expect(first.output).toMatch(/\[feedshelf\] Built .*: 12 pages indexed in 1 search shard/);
  });

  it('draws again only the card whose title changed, and drops the old one', () => {
    const key = `${ogCardKey({ siteTitle: siteConfig.title, title: 'Python meets SQL again', sourceName: 'Alpha Blog', date: 'Mar 2, 2026' })}.png`;
    const added = [...second.cards.keys()].filter((name) => !first.cards.has(name));
    expect(added).toEqual([key]);
    const before = `${ogCardKey({ siteTitle: siteConfig.title, title: 'Python meets SQL', sourceName: 'Alpha Blog', date: 'Mar 2, 2026' })}.png`;
    expect(first.cards.has(before)).toBe(true);
    const touched = [...first.cards].filter(([name, time]) => second.cards.get(name) !== time).map(([name]) => name);
    // The card of the old title is gone from the cache; every other one is the file the first build wrote.
    expect(touched).toEqual([before]);
    expect(second.cards.size).toBe(first.cards.size);
    expect(second.output).toMatch(new RegExp(`/og/${ARTICLE}\\.png \\(\\+\\d+ms\\)`));
    expect(second.output).toMatch(/\/og\/alpha-blog\/2026-01-05-hello-python\.png \((?:restored|cached)\)/);
  });

  it('reads every card from its own cache when Astro restores none, and draws none', async () => {
    const requested = [...third.output.matchAll(/\/og\/(\S+)\.png \(\+\d+ms\)/g)].map((match) => match[1]);
    expect(requested.sort()).toEqual([...third.pages.keys()].filter((id) => id !== WITH_IMAGE).sort());
    expect([...third.cards]).toEqual([...second.cards]);
    const card = await readFile(join(dist(), 'og', `${ARTICLE}.png`));
    const cached = await readFile(
      join(work.path, 'cache', 'feedshelf-og', [...second.cards.keys()].find((name) => !first.cards.has(name)) ?? ''),
    );
    expect(Buffer.compare(card, cached)).toBe(0);
  });
});
