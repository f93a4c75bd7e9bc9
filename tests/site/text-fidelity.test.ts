/**
 * CJK and Thai file names and twice-escaped titles, snapshotted from the
 * fidelity fixtures and built in full: each article page exists under its
 * Unicode name, and the home page, tag pages, source pages, the sitemap, the
 * RSS feeds and the search index all link it percent-encoded, to a file that
 * exists; titles and names show as the publisher meant them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { FIDELITY_FIXTURES } from '../helpers/fidelity.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { type BuiltSite, buildArchive } from './_build.ts';
import { fileFor, listFiles } from './_crawl.ts';

const STEMS = [
  '2022-07-04-第12回-東京の夏',
  '2022-07-05-中文标题',
  '2022-07-06-한국어-제목입니다',
  '2022-07-07-ภาษาไทยวันนี้',
  '2022-07-08-rust-入門-2024',
  '2022-07-09-東京の夏は暑いので-冷たいお茶と扇風機と-bcb91d58',
];
const ORIGIN = 'https://example.org';
const encodedPath = (stem: string) => `/items/cjk/${encodeURIComponent(stem)}/`;

describe('a site built from CJK titles and twice-escaped titles', () => {
  const work = useTempDir('feedshelf-text-fidelity-', 'all');
  let site: BuiltSite;
  let files: string[];
  const read = (file: string) => readFile(join(site.dist, file), 'utf8');
  const hrefs = async (file: string) => [...(await read(file)).matchAll(/href="([^"]+)"/g)].map((match) => match[1]);

  beforeAll(async () => {
    const feeds = [
      ['cjk', 'cjk-titles.xml'],
      ['deals', 'entities-double-encoded.xml'],
    ].map(([id, file]) => {
      const path = new URL(file ?? '', FIDELITY_FIXTURES).pathname;
      return { id: id ?? '', url: path, path };
    });
    const itemsDir = join(work.path, 'items');
    const stateDir = join(work.path, 'state');
    const report = await runSnapshot({ feeds, itemsDir, stateDir, now: new Date('2025-06-06T00:00:00Z'), workers: 0 });
    expect(report.feeds.map((feed) => [feed.id, feed.counts.new])).toEqual([
      ['cjk', 7],
      ['deals', 3],
    ]);
    site = await buildArchive({ itemsDir, stateDir, kind: 'full' });
    files = await listFiles(site.dist);
  }, 300_000);

  afterAll(() => site?.remove());

  it('writes each article page under its Unicode name, with its title', async () => {
    for (const stem of STEMS) expect(files).toContain(`items/cjk/${stem}/index.html`);
    expect(await read(`items/cjk/${STEMS[0]}/index.html`)).toContain(
      '<h1 data-pagefind-weight="10">第12回 東京の夏</h1>',
    );
  });

  it('links every article percent-encoded from the home page, its source and its tag, to a page that exists', async () => {
    const travel = [
      '2022-07-04-第12回-東京の夏',
      '2022-07-07-ภาษาไทยวันนี้',
      '2022-07-09-東京の夏は暑いので-冷たいお茶と扇風機と-bcb91d58',
    ];
    const lists: [string, string[]][] = [
      ['index.html', STEMS],
      ['sources/cjk/index.html', STEMS],
      ['tags/旅行/index.html', travel],
      ['tags/한국어/index.html', ['2022-07-06-한국어-제목입니다']],
    ];
    for (const [page, stems] of lists) {
      const links = await hrefs(page);
      for (const stem of stems) {
        expect([page, links.includes(encodedPath(stem))]).toEqual([page, true]);
        expect(fileFor(site.dist, '/', decodeURIComponent(encodedPath(stem)))).toBe(
          join(site.dist, 'items', 'cjk', stem, 'index.html'),
        );
      }
    }
    // Tag links keep their Unicode slug, as they did before: the browser encodes it.
    expect(await hrefs(`items/cjk/${STEMS[0]}/index.html`)).toContain('/tags/旅行/');
    expect(files).toContain('tags/旅行/index.html');
  });

  it('lists the articles percent-encoded in the sitemap and the RSS feeds', async () => {
    const sitemap = await read('sitemap-0.xml');
    const rss = await read('rss.xml');
    const tagFeed = await read('tags/旅行/rss.xml');
    for (const stem of STEMS) {
      expect(sitemap).toContain(`<loc>${ORIGIN}${encodedPath(stem)}</loc>`);
      expect(rss).toContain(`<link>${ORIGIN}${encodedPath(stem)}</link>`);
    }
    expect(tagFeed).toContain(`<link>${ORIGIN}${encodedPath(STEMS[0] ?? '')}</link>`);
  });

  it('indexes each article for search under its percent-encoded URL', async () => {
    const urls: string[] = [];
    for (const file of files.filter((name) => name.endsWith('.pf_fragment'))) {
      // A fragment is a signature, then the page's JSON record.
      const text = gunzipSync(await readFile(join(site.dist, file))).toString('utf8');
      urls.push(...[...text.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1] ?? ''));
    }
    expect(urls.filter((url) => url.startsWith('/items/cjk/')).sort()).toEqual(
      [...STEMS, '2022-07-10-plain-english-title'].map(encodedPath).sort(),
    );
  });

  it('shows twice-escaped titles and names decoded, on the article and the source page', async () => {
    const article = await read('items/deals/2025-06-02-save-5-on-at-and-t-plans/index.html');
    expect(article).toContain('<h1 data-pagefind-weight="10">Save $5 on AT&amp;T plans</h1>');
    expect(article).toContain('<a href="/authors/jose-and-ana/">José &amp; Ana</a>');
    expect(article).toContain('<a href="/tags/r-and-d/">R&amp;D</a>');
    expect(await read('items/deals/2025-06-03-its-q-and-a-time-fish-and-chips/index.html')).toContain(
      '<title>It&#39;s Q&amp;A time: ‘fish &amp; chips’ · feedshelf</title>',
    );
    expect(await read('sources/deals/index.html')).toContain('<h1>Deals – Notes &amp; Links</h1>');
  });
});
