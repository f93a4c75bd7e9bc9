/**
 * A feed whose author, tag, source and item names run to about 600
 * characters (Latin, CJK, emoji), with Windows device names among them,
 * snapshotted and built: the build succeeds, every path under dist/ is
 * portable (segments of at most 255 bytes), and each distinct name has a page
 * of its own that the article links to.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveFeedId } from '#src/ingest/config.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { authorSlug, tagSlug } from '#src/site/urls.ts';
import { segmentProblem, utf8Bytes } from '../helpers/names.ts';
import { type BuiltSite, buildArchive } from './_build.ts';
import {
  attribute,
  elements,
  fileFor,
  internalPath,
  linksOf,
  listFiles,
  type Page,
  readPages,
  textOf,
} from './_crawl.ts';

const LATIN = 'Maximiliana Wolfeschlegelsteinhausenbergerdorff '.repeat(12);
const AUTHORS = {
  elder: `${LATIN}the Elder`,
  younger: `${LATIN}the Younger`,
  cjk: '田中健二郎'.repeat(120),
  device: 'AUX',
};
const TAGS = {
  alpha: `${'Extremely specific topic '.repeat(24)}alpha`,
  beta: `${'Extremely specific topic '.repeat(24)}beta`,
  emoji: '🎉🦄'.repeat(150),
  device: 'con',
};
const SOURCE_TITLE = `${'The Extraordinarily Long Title of a Feed '.repeat(15)}`.trim();
const FEED_ID = deriveFeedId(SOURCE_TITLE);
const ITEM_TITLE = 'A very long title that keeps going '.repeat(9);

const FEED = {
  version: 'https://jsonfeed.org/version/1.1',
  title: SOURCE_TITLE,
  home_page_url: 'https://long-names.example/',
  items: [
    {
      id: 'https://long-names.example/one',
      url: 'https://long-names.example/one',
      title: `${ITEM_TITLE}part one`,
      content_text: 'One.',
      date_published: '2026-05-01T00:00:00Z',
      authors: [{ name: AUTHORS.elder }, { name: AUTHORS.cjk }, { name: AUTHORS.device }],
      tags: [TAGS.alpha, TAGS.emoji, TAGS.device],
    },
    {
      id: 'https://long-names.example/two',
      url: 'https://long-names.example/two',
      title: `${ITEM_TITLE}part two`,
      content_text: 'Two.',
      date_published: '2026-05-02T00:00:00Z',
      authors: [{ name: AUTHORS.younger }],
      tags: [TAGS.beta],
    },
  ],
};

function heading(page: Page | undefined): string | undefined {
  const h1 = page && elements(page.tree, (element) => element.tagName === 'h1')[0];
  return h1 && textOf(h1);
}

describe('a feed with names of 600 characters, built into a site', () => {
  let work: string;
  let site: BuiltSite;
  let files: string[];
  let pages: Map<string, Page>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'feedshelf-long-names-'));
    const feedFile = join(work, 'long-names.json');
    await writeFile(feedFile, JSON.stringify(FEED));
    const itemsDir = join(work, 'items');
    const stateDir = join(work, 'state');
    const report = await runSnapshot({
      feeds: [{ id: FEED_ID, url: feedFile, path: feedFile }],
      itemsDir,
      stateDir,
      now: new Date('2026-05-03T00:00:00Z'),
      workers: 0,
    });
    if (report.feeds[0]?.counts.new !== 2) throw new Error(`Snapshot failed: ${JSON.stringify(report.feeds)}`);
    site = await buildArchive({ itemsDir, stateDir });
    files = await listFiles(site.dist);
    pages = new Map((await readPages(site.dist, site.base)).map((page) => [page.url, page]));
  }, 300_000);

  afterAll(async () => {
    await site?.remove();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('writes only portable paths: every segment at most 255 bytes, none a Windows device name', () => {
    const problems = files.flatMap((file) =>
      file.split('/').flatMap((segment) => {
        const problem = segmentProblem(segment);
        return problem === undefined ? [] : [`${file}: ${problem}`];
      }),
    );
    expect(problems).toEqual([]);
    expect(Math.max(...files.map(utf8Bytes))).toBeLessThanOrEqual(200);
  });

  it('gives each author a page of their own, named in full', () => {
    const slugs = Object.values(AUTHORS).map(authorSlug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toContain('aux-x');
    for (const [key, name] of Object.entries(AUTHORS)) {
      const page = pages.get(`/authors/${authorSlug(name)}/`);
      expect([key, heading(page)]).toEqual([key, `By ${name}`]);
    }
  });

  it('gives each tag a page and a feed of its own', () => {
    const slugs = Object.values(TAGS).map(tagSlug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toContain('con-x');
    for (const slug of slugs) {
      expect(files).toContain(`tags/${slug}/index.html`);
      expect(files).toContain(`tags/${slug}/rss.xml`);
    }
  });

  it('keeps the source at its derived id and shows its whole title', () => {
    expect(utf8Bytes(FEED_ID)).toBeLessThanOrEqual(56);
    const page = pages.get(`/sources/${FEED_ID}/`);
    expect(heading(page)).toBe(SOURCE_TITLE);
  });

  it('names the two long items apart and links each to its authors and tags', () => {
    const articles = [...pages.values()].filter((page) => page.url.startsWith(`/items/${FEED_ID}/`));
    expect(articles.map((page) => page.url.split('/')[3]).sort()).toEqual([
      expect.stringMatching(/^2026-05-01-a-very-long-title-that-keeps-going-[a-z-]+-[0-9a-f]{8}$/),
      expect.stringMatching(/^2026-05-02-a-very-long-title-that-keeps-going-[a-z-]+-[0-9a-f]{8}$/),
    ]);
    const linked = articles.flatMap((page) =>
      linksOf(page)
        .map((link) => internalPath(link, page.url))
        .filter(
          (path): path is string => path?.startsWith('/authors/') === true || path?.startsWith('/tags/') === true,
        ),
    );
    expect(linked.filter((path) => !fileFor(site.dist, site.base, path))).toEqual([]);
    expect(linked).toEqual(
      expect.arrayContaining([
        ...Object.values(AUTHORS).map((name) => `/authors/${authorSlug(name)}/`),
        ...Object.values(TAGS).map((name) => `/tags/${tagSlug(name)}/`),
      ]),
    );
  });

  it('lists an author page in the authors index by its full name', () => {
    const index = pages.get('/authors/');
    const links = index ? elements(index.tree, (element) => element.tagName === 'a') : [];
    const elder = links.find((link) => attribute(link, 'href') === `/authors/${authorSlug(AUTHORS.elder)}/`);
    expect(elder && textOf(elder)).toContain(AUTHORS.elder.trim());
  });
});
