/**
 * A site built from an archive that holds its images: article pages show the
 * archive's copies from the site's own origin, sized so nothing shifts, the
 * first at once and the rest lazily, decoded off the main thread, with the original URLs listed after the
 * article; the sharing card, the output feeds' thumbnails and the source
 * page's feed image name the copies; an image that could not be archived
 * keeps its remote URL; the copies are in dist/media/.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowNetworks } from '#src/ingest/net-guard.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { png } from '../helpers/png.ts';
import { rssFeed } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { type BuiltSite, buildArchive } from './_build.ts';

describe('a site whose archive holds its images', () => {
  const work = useTempDir('feedshelf-site-media-', 'all');
  let server: FeedServer;
  let site: BuiltSite;
  const photo = png(6, 4, 120);
  const logo = png(10, 10, 30);
  const read = (file: string) => readFile(join(site.dist, file), 'utf8');

  beforeAll(async () => {
    server = await startFeedServer({
      '/photo.png': { headers: { 'content-type': 'image/png' }, body: photo },
      '/logo.png': { headers: { 'content-type': 'image/png' }, body: logo },
    });
    server.routes.set('/feed.xml', {
      body: rssFeed('Photos', [
        {
          title: 'A photo',
          guid: 'p1',
          link: 'https://photos.example/1',
          date: 'Mon, 02 Mar 2026 08:00:00 GMT',
          body: `<p>Look.</p><img src="${server.url('/photo.png')}" alt="Grey"><p>And a lost one:</p><img src="${server.url('/gone.png')}" alt="Lost">`,
        },
      ]).replace('<channel>', `<channel><image><url>${server.url('/logo.png')}</url></image>`),
    });
    const itemsDir = join(work.path, 'content', 'items');
    const stateDir = join(work.path, 'content', 'state');
    const report = await runSnapshot({
      feeds: [{ id: 'photos', url: server.url('/feed.xml') }],
      itemsDir,
      stateDir,
      now: new Date('2026-03-03T00:00:00.000Z'),
      workers: 0,
      media: true,
      allowNetworks: parseAllowNetworks(['127.0.0.1/32'], 'test'),
    });
    expect(report.feeds[0]?.media).toMatchObject({ stored: 2, failed: 1 });
    site = await buildArchive({ itemsDir, stateDir, kind: 'astro' });
  }, 300_000);

  afterAll(async () => {
    await site?.remove();
    await server?.close();
  });

  it("shows the archive's copy, sized, with the original named after the article", async () => {
    const page = await read('items/photos/2026-03-02-a-photo/index.html');
    const local = /<img src="(\/media\/[0-9a-f]{2}\/[0-9a-f]{64}\.png)" alt="Grey"[^>]*>/.exec(page);
    expect(local?.[0]).toBe(
      `<img src="${local?.[1]}" alt="Grey" width="6" height="4" data-original="${server.url('/photo.png')}" decoding="async">`,
    );
    expect(page).toContain(`<img src="${server.url('/gone.png')}" alt="Lost" loading="lazy" decoding="async">`);
    expect(page).toContain(
      `<details class="image-sources" data-pagefind-ignore=""><summary>Images archived from the publisher (1)</summary><ol><li><a href="${server.url('/photo.png')}">${server.url('/photo.png')}</a></li></ol></details>`,
    );
    const file = local?.[1] ?? '';
    expect((await stat(join(site.dist, file))).size).toBe(photo.length);
    expect(await readFile(join(site.dist, file))).toEqual(photo);
  });

  it('names the copy, on the site, as the sharing image', async () => {
    const page = await read('items/photos/2026-03-02-a-photo/index.html');
    expect(page).toMatch(
      /<meta property="og:image" content="https:\/\/example\.org\/media\/[0-9a-f]{2}\/[0-9a-f]{64}\.png">/,
    );
  });

  it("names the copy in the site's feeds as each item's Media RSS thumbnail", async () => {
    for (const feed of ['rss.xml', 'sources/photos/rss.xml']) {
      const xml = await read(feed);
      expect(xml).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
      expect(xml).toMatch(
        /<media:thumbnail url="https:\/\/example\.org\/media\/[0-9a-f]{2}\/[0-9a-f]{64}\.png" width="6" height="4"\/>/,
      );
    }
  });

  it("shows the archive's copy of the feed's own image on its source page, with where it came from", async () => {
    const page = await read('sources/photos/index.html');
    expect(page).toMatch(
      /<img class="source-logo" src="\/media\/[0-9a-f]{2}\/[0-9a-f]{64}\.png" width="10" height="10" alt="" decoding="async">/,
    );
    expect(page).toContain(
      `<dt>Feed image</dt><dd>Archived from <a href="${server.url('/logo.png')}">${server.url('/logo.png')}</a></dd>`,
    );
  });
});
