/**
 * Archived images in Chromium: an article whose images the snapshot stored
 * shows them from the site itself, at their size, with the publisher's host
 * gone (its server stopped, and every request off the site's origin refused).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowNetworks } from '#src/ingest/net-guard.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { png } from '../helpers/png.ts';
import { rssFeed } from '../helpers/rss-fixture.ts';
import { PROJECT_ROOT } from '../site/_build.ts';
import { useBrowser, useServedSite } from './_harness.ts';

let root: string;
let publisher = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'e2e-media-'));
  const server = await startFeedServer({
    '/wide.png': { headers: { 'content-type': 'image/png' }, body: png(40, 20, 90) },
    '/tall.png': { headers: { 'content-type': 'image/png' }, body: png(10, 30, 180) },
  });
  publisher = server.origin;
  server.routes.set('/feed.xml', {
    body: rssFeed('Pictures', [
      {
        title: 'Two pictures',
        guid: 'two',
        link: 'https://pictures.example/two',
        date: 'Mon, 02 Mar 2026 08:00:00 GMT',
        body: `<p>Wide:</p><img src="${server.url('/wide.png')}" alt="Wide"><p>Tall:</p><img src="${server.url('/tall.png')}" alt="Tall">`,
      },
    ]),
  });
  const report = await runSnapshot({
    feeds: [{ id: 'pictures', url: server.url('/feed.xml') }],
    itemsDir: join(root, 'content', 'items'),
    stateDir: join(root, 'content', 'state'),
    now: new Date('2026-03-03T00:00:00.000Z'),
    workers: 0,
    media: true,
    allowNetworks: parseAllowNetworks(['127.0.0.1/32'], 'test'),
  });
  expect(report.feeds[0]?.media?.stored).toBe(2);
  // The publisher's host is gone before the site is even built.
  await server.close();
});

const site = useServedSite(() => ({
  itemsDir: join(root, 'content', 'items'),
  stateDir: join(root, 'content', 'state'),
  kind: 'full',
}));
const chromium = useBrowser();

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('an article whose images the archive holds', () => {
  it('shows every image from the site, at its size, with the publisher offline', async () => {
    const page = await chromium.browser.newPage();
    const origin = new URL(site.url).origin;
    const offSite: string[] = [];
    await page.route(
      (url) => url.origin !== origin,
      (route) => {
        offSite.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    try {
      await page.goto(`${site.url}items/pictures/2026-03-02-two-pictures/`);
      // The article's own images; the related cards' load lazily, when scrolled to.
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('.article-body img')].every((image) => image.complete),
      );
      const images = await page.$$eval('.article-body img', (list) =>
        (list as HTMLImageElement[]).map((image) => ({
          alt: image.alt,
          local: new URL(image.src).pathname.startsWith('/media/'),
          natural: [image.naturalWidth, image.naturalHeight],
          declared: [image.width, image.height],
          original: image.dataset.original,
        })),
      );
      expect(images).toEqual([
        { alt: 'Wide', local: true, natural: [40, 20], declared: [40, 20], original: `${publisher}/wide.png` },
        { alt: 'Tall', local: true, natural: [10, 30], declared: [10, 30], original: `${publisher}/tall.png` },
      ]);
      expect(offSite).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the project's sample archive, built offline", () => {
  const sample = useServedSite({
    itemsDir: join(PROJECT_ROOT, 'content', 'items'),
    stateDir: join(PROJECT_ROOT, 'content', 'state'),
    kind: 'astro',
  });

  it('shows its images from the site, and no article page asks anything of another origin', async () => {
    const origin = new URL(sample.url).origin;
    const articles = (await readdir(join(sample.dist, 'items'), { recursive: true }))
      .filter((file) => file.endsWith('index.html'))
      .map((file) =>
        file
          .split(sep)
          .join('/')
          .replace(/index\.html$/, ''),
      )
      .sort();
    expect(articles).toHaveLength(44);
    const page = await chromium.browser.newPage();
    const offSite: string[] = [];
    await page.route(
      (url) => url.origin !== origin,
      (route) => {
        offSite.push(`${page.url()} -> ${route.request().url()}`);
        return route.abort('blockedbyclient');
      },
    );
    let shown = 0;
    try {
      for (const article of articles) {
        await page.goto(`${sample.url}items/${article}`);
        // The article's own images; the related cards' load lazily, when scrolled to.
        await page.waitForFunction(() =>
          [...document.querySelectorAll<HTMLImageElement>('.article-body img')].every((image) => image.complete),
        );
        shown += await page.$$eval(
          '.article-body img',
          (list) =>
            (list as HTMLImageElement[]).filter((image) => image.naturalWidth > 0 && image.src.includes('/media/'))
              .length,
        );
      }
    } finally {
      await page.close();
    }
    expect(offSite).toEqual([]);
    expect(shown).toBe(3);
  }, 180_000);
});
