/**
 * Archiving the images items show, against a real server on 127.0.0.1: one
 * copy per image however many items and feeds show it, the largest srcset
 * candidate, redirects followed under the guard; a second run fetches
 * nothing; 404s, timeouts, oversize files, HTML and SVG dressed as images,
 * decompression bombs and redirects to refused addresses are all kept out,
 * recorded with the reason, and retried later; the budget defers the rest.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageUrls, largestCandidate, parseFeedMedia, storedFile } from '#src/archive/media.ts';
import type { FeedConfig } from '#src/ingest/config.ts';
import { parseAllowNetworks } from '#src/ingest/net-guard.ts';
import { runSnapshot, type SnapshotOptions } from '#src/ingest/snapshot.ts';
import { htmlToMarkdown } from '#src/ingest/to-markdown.ts';
import { startFeedServer } from '../helpers/feed-server.ts';
import { png } from '../helpers/png.ts';
import { rssFeed } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const LOOPBACK = parseAllowNetworks(['127.0.0.1/32'], 'test');
const NOW = new Date('2026-07-01T08:00:00.000Z');
const image = (body: Buffer) => ({ headers: { 'content-type': 'image/png' }, body });

describe('imageUrls and largestCandidate', () => {
  it('finds Markdown and raw HTML images once each, and picks the largest srcset candidate', () => {
    expect(
      imageUrls(
        '![a](https://x.example/a.png) ![b](<https://x.example/b c.png>) <img src="https://x.example/c.png?x=1&#x26;y=2"> ![a](https://x.example/a.png "again")',
      ),
    ).toEqual(['https://x.example/a.png', 'https://x.example/b', 'https://x.example/c.png?x=1&y=2']);
    expect(largestCandidate('s.jpg 320w, m.jpg 640w, l.jpg 1280w')).toBe('l.jpg');
    expect(largestCandidate('a.jpg, b.jpg 2x, c.jpg 1.5x')).toBe('b.jpg');
    expect(largestCandidate('https://cdn.example/w_800,h_600/x.jpg 800w,https://cdn.example/w_400/x.jpg 400w')).toBe(
      'https://cdn.example/w_800,h_600/x.jpg',
    );
    expect(largestCandidate('  ')).toBeUndefined();
  });
});

describe('the image an item keeps of a srcset or a <picture>', () => {
  const body = (html: string) => htmlToMarkdown(html, 'https://x.example/post/').markdown;

  it("takes the largest candidate of the img's srcset or of its picture's raster sources", () => {
    expect(body('<img src="s.jpg" srcset="s.jpg 320w, l.jpg 1280w" alt="A">')).toBe(
      '![A](https://x.example/post/l.jpg)',
    );
    expect(
      body(
        '<picture><source type="image/svg+xml" srcset="v.svg"><source type="image/webp" srcset="a.webp 1x, b.webp 2x"><img src="c.jpg" alt="B"></picture>',
      ),
    ).toBe('![B](https://x.example/post/b.webp)');
  });

  it("never lends a picture's sources to an image outside it", () => {
    expect(body('<picture><source srcset="big.webp 2x"></picture><p><img src="plain.jpg" alt="C"></p>')).toBe(
      '![C](https://x.example/post/plain.jpg)',
    );
  });
});

describe('a <video> in an item', () => {
  const body = (html: string) => htmlToMarkdown(html, 'https://x.example/post/');

  it('is its poster linked to its file: the poster is an image of the item, the player is not kept', () => {
    expect(
      body(
        '<video poster="p.jpg" controls autoplay><source src="v.mp4" type="video/mp4"><p>No video? <a href="v.mp4">Download</a>.</p></video>',
      ),
    ).toEqual({
      markdown: '[![Video](https://x.example/post/p.jpg)](https://x.example/post/v.mp4)',
      image: 'https://x.example/post/p.jpg',
    });
    expect(body('<p>See <video src="https://cdn.example/v.webm" title="The demo"></video>.</p>')).toEqual({
      markdown: 'See [Video: The demo](https://cdn.example/v.webm).',
    });
    expect(body('<video poster="https://x.example/still.png"></video>')).toEqual({
      markdown: '![Video](https://x.example/still.png)',
      image: 'https://x.example/still.png',
    });
  });

  it('keeps the fallback text of a video that names neither poster nor file, and no script URL', () => {
    expect(body('<video><p>Your browser <video>cannot</video> play it</p></video>').markdown).toBe(
      'Your browser cannot play it',
    );
    expect(body('<video poster="javascript:alert(1)" src="javascript:alert(2)"></video>').markdown).toBe('');
    // A <source> outside a video is never kept.
    expect(body('<p>a<source src="x.mp4">b</p>').markdown).toBe('ab');
  });
});

describe('a feed whose items show images', () => {
  const work = useTempDir('feedshelf-media-');

  function options(feeds: FeedConfig[], extra: Partial<SnapshotOptions> = {}): SnapshotOptions {
    return {
      feeds,
      itemsDir: join(work.path, 'content', 'items'),
      stateDir: join(work.path, 'content', 'state'),
      now: NOW,
      workers: 0,
      allowNetworks: LOOPBACK,
      media: true,
      timeoutMs: 2000,
      ...extra,
    };
  }

  const mediaDir = () => join(work.path, 'content', 'media');
  const map = async (feed: string) => parseFeedMedia(await readFile(join(mediaDir(), `${feed}.json`), 'utf8'));
  async function storedFiles(): Promise<string[]> {
    const names = await readdir(mediaDir(), { recursive: true });
    return names.filter((name) => /\.(png|jpg|gif|webp|avif)$/.test(name)).sort();
  }

  it('stores each image once, records where it came from, and fetches nothing on a second run', async () => {
    const red = png(4, 3, 200);
    const blue = png(8, 6, 40);
    await using server = await startFeedServer({
      '/red.png': image(red),
      '/blue-large.png': image(blue),
      '/old': { status: 301, headers: { location: '/red.png' } },
    });
    const body = (extra: string) =>
      `<p>Text.</p><img src="${server.url('/red.png')}" alt="Red"><img src="${server.url('/small.png')}" srcset="${server.url('/small.png')} 320w, ${server.url('/blue-large.png')} 1280w" alt="Blue">${extra}`;
    server.routes.set('/one.xml', {
      body: rssFeed('One', [
        { title: 'First', guid: 'f1', body: body('') },
        { title: 'Second', guid: 'f2', body: body(`<img src="${server.url('/old')}" alt="Moved">`) },
      ]),
    });
    server.routes.set('/two.xml', { body: rssFeed('Two', [{ title: 'Other', guid: 't1', body: body('') }]) });
    const feeds = [
      { id: 'one', url: server.url('/one.xml') },
      { id: 'two', url: server.url('/two.xml') },
    ];
    // One feed at a time, so the first stores the files and the second finds them stored.
    const report = await runSnapshot(options(feeds, { concurrency: 1 }));
    expect(report.feeds.map((feed) => feed.media)).toEqual([
      { stored: 2, bytes: red.length + blue.length, failed: 0, deferred: 0, failures: [] },
      undefined,
    ]);
    const redFile = storedFile(await digest(red), 'image/png');
    const blueFile = storedFile(await digest(blue), 'image/png');
    expect(await storedFiles()).toEqual([redFile, blueFile].sort());
    expect(await readFile(join(mediaDir(), redFile))).toEqual(red);
    expect((await map('one')).images).toEqual({
      [server.url('/blue-large.png')]: { file: blueFile, type: 'image/png', width: 8, height: 6, bytes: blue.length },
      [server.url('/old')]: { file: redFile, type: 'image/png', width: 4, height: 3, bytes: red.length },
      [server.url('/red.png')]: { file: redFile, type: 'image/png', width: 4, height: 3, bytes: red.length },
    });
    // The second feed's map names the same files; nothing was stored twice.
    expect(Object.values((await map('two')).images).map((entry) => 'file' in entry && entry.file)).toEqual([
      blueFile,
      redFile,
    ]);
    expect(server.requestsFor('/small.png')).toHaveLength(0);

    const before = server.requests.length;
    await runSnapshot(options(feeds, { now: new Date('2026-07-02T08:00:00.000Z') }));
    expect(server.requests.slice(before).map((request) => request.path)).toEqual(['/one.xml', '/two.xml']);
  });

  it('keeps out what is not a raster image or is too large, says why, and tries again later', async () => {
    const bomb = png(2, 2, 1, { width: 30_000, height: 30_000 });
    const polyglot = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([2, 0, 1, 0]), Buffer.from('=1;alert(1)//')]);
    await using server = await startFeedServer({
      '/svg.png': {
        headers: { 'content-type': 'image/png' },
        body: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      },
      '/page.png': {
        headers: { 'content-type': 'image/png' },
        body: '<!doctype html><html><body>not an image</body></html>',
      },
      '/bomb.png': image(bomb),
      '/huge.png': image(Buffer.concat([png(2, 2, 9), Buffer.alloc(3_000_000)])),
      '/private': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
      '/slow.png': (_req, res) => {
        setTimeout(() => res.end(png(2, 2, 5)), 4000).unref();
      },
      '/gone.png': { status: 410 },
      // A GIF header in front of script: stored as the GIF it says it is, named .gif, never as script.
      '/polyglot.js': { headers: { 'content-type': 'text/javascript' }, body: polyglot },
    });
    const names = ['svg.png', 'page.png', 'bomb.png', 'huge.png', 'private', 'slow.png', 'missing.png', 'gone.png'];
    server.routes.set('/feed.xml', {
      body: rssFeed('Bad', [
        {
          title: 'Bad images',
          guid: 'b',
          body: [...names, 'polyglot.js'].map((name) => `<img src="${server.url(`/${name}`)}" alt="x">`).join(''),
        },
      ]),
    });
    const feeds = [{ id: 'bad', url: server.url('/feed.xml') }];
    const report = await runSnapshot(options(feeds, { mediaLimits: { imageBytes: 1_000_000 } }));
    const media = report.feeds[0]?.media;
    expect(media).toMatchObject({ stored: 1, bytes: polyglot.length, failed: 8, deferred: 0 });
    const reasons = Object.fromEntries(
      Object.entries((await map('bad')).images).map(([url, entry]) => [
        url.slice(server.origin.length),
        'lastError' in entry ? [entry.failures, entry.lastError.replace(server.origin, '')] : entry,
      ]),
    );
    expect(reasons).toEqual({
      '/svg.png': [1, '/svg.png is not a raster image browsers render (image/svg+xml, refused: SVG can hold script)'],
      '/page.png': [1, '/page.png is not a raster image browsers render (text/html)'],
      '/bomb.png': [1, '/bomb.png is 30000×30000 pixels, more than 50000000 (defaults.mediaLimits.pixels)'],
      '/huge.png': [1, '/huge.png is larger than 1000000 bytes.'],
      '/private': [
        1,
        'Refused to fetch http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local address; allow it with allowNetworks in feeds.yaml or FEEDSHELF_ALLOW_NETWORKS.',
      ],
      '/slow.png': [1, '/slow.png did not answer within 2 s.'],
      '/missing.png': [1, '/missing.png answered HTTP 404'],
      '/gone.png': [6, '/gone.png answered HTTP 410 Gone: it is not asked for again'],
      '/polyglot.js': {
        file: storedFile(await digest(polyglot), 'image/gif'),
        type: 'image/gif',
        width: 2,
        height: 1,
        bytes: polyglot.length,
      },
    });
    expect(await storedFiles()).toEqual([storedFile(await digest(polyglot), 'image/gif')]);

    // Within the hour nothing is asked again; after it, the image that now answers is stored.
    server.routes.set('/missing.png', image(png(3, 3, 77)));
    const before = server.requestsFor('/missing.png').length;
    await runSnapshot(
      options(feeds, { now: new Date('2026-07-01T08:30:00.000Z'), mediaLimits: { imageBytes: 1_000_000 } }),
    );
    expect(server.requestsFor('/missing.png')).toHaveLength(before);
    const later = await runSnapshot(
      options(feeds, { now: new Date('2026-07-01T09:30:00.000Z'), mediaLimits: { imageBytes: 1_000_000 } }),
    );
    expect(later.feeds[0]?.media).toMatchObject({ stored: 1, failed: 6 });
    expect(server.requestsFor('/gone.png')).toHaveLength(1);
    expect((await map('bad')).images[server.url('/missing.png')]).toMatchObject({ width: 3, height: 3 });
  }, 30_000);

  it('stops at the budget, keeps the rest waiting, and says how full it is', async () => {
    const images = [png(5, 5, 1), png(5, 5, 2), png(5, 5, 3)];
    await using server = await startFeedServer(
      Object.fromEntries(images.map((bytes, i) => [`/${i}.png`, image(bytes)])),
    );
    server.routes.set('/feed.xml', {
      body: rssFeed('Many', [
        {
          title: 'Many',
          guid: 'm',
          body: images.map((_, i) => `<img src="${server.url(`/${i}.png`)}" alt="">`).join(''),
        },
      ]),
    });
    const budget = (images[0]?.length ?? 0) + 10;
    const report = await runSnapshot(
      options([{ id: 'many', url: server.url('/feed.xml') }], { mediaLimits: { budget } }),
    );
    expect(report.feeds[0]?.media).toMatchObject({ stored: 1, deferred: 2 });
    expect(report.totals).toMatchObject({ mediaStored: 1, mediaTotalBytes: images[0]?.length, mediaBudget: budget });
  });

  it('gives items archived before media was on their images, a bounded number each run', async () => {
    const photo = png(7, 7, 60);
    await using server = await startFeedServer({ '/p.png': image(photo) });
    server.routes.set('/feed.xml', {
      body: rssFeed('Later', [
        {
          title: 'Old one',
          guid: 'o1',
          date: 'Mon, 02 Mar 2026 08:00:00 GMT',
          body: `<img src="${server.url('/p.png')}" alt="P">`,
        },
        { title: 'Old two', guid: 'o2', date: 'Tue, 03 Mar 2026 08:00:00 GMT', body: '<p>No image.</p>' },
      ]),
    });
    const feeds = [{ id: 'later', url: server.url('/feed.xml') }];
    await runSnapshot(options(feeds, { media: false }));
    expect(server.requestsFor('/p.png')).toHaveLength(0);
    const report = await runSnapshot(options(feeds, { now: new Date('2026-07-02T08:00:00.000Z') }));
    expect(report.feeds[0]?.counts).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
    expect(report.feeds[0]?.media).toMatchObject({ stored: 1, failed: 0 });
    const later = await map('later');
    expect(later.backfilled).toBe('2026-03-03-old-two');
    expect(later.images[server.url('/p.png')]).toMatchObject({ width: 7, height: 7, bytes: photo.length });
  });

  it("archives the feed's own image and a video's poster, and records the feed image in its state", async () => {
    const logo = png(16, 16, 90);
    const still = png(12, 9, 150);
    await using server = await startFeedServer({ '/logo.png': image(logo), '/still.png': image(still) });
    const channel = (imageUrl: string) =>
      rssFeed('Logo', [
        { title: 'Clip', guid: 'c1', body: `<video poster="${server.url('/still.png')}" src="/clip.mp4"></video>` },
      ]).replace('<channel>', `<channel><image><url>${imageUrl}</url><title>Logo</title><link>/</link></image>`);
    server.routes.set('/feed.xml', { body: channel(server.url('/logo.png')) });
    const feeds = [{ id: 'logo', url: server.url('/feed.xml') }];
    const report = await runSnapshot(options(feeds));
    expect(report.feeds[0]?.media).toMatchObject({ stored: 2, failed: 0, bytes: logo.length + still.length });
    expect(Object.keys((await map('logo')).images)).toEqual([server.url('/logo.png'), server.url('/still.png')]);
    const state = JSON.parse(await readFile(join(work.path, 'content', 'state', 'logo.json'), 'utf8'));
    expect(state.image).toBe(server.url('/logo.png'));
    const item = await readFile(
      join(
        work.path,
        'content',
        'items',
        'logo',
        (await readdir(join(work.path, 'content', 'items', 'logo')))[0] ?? '',
      ),
      'utf8',
    );
    expect(item).toContain(`[![Video](${server.url('/still.png')})](${server.url('/clip.mp4')})`);

    // A feed whose image moves has the new one recorded and archived; a run with nothing new fetches no image.
    server.routes.set('/other.png', image(png(20, 10, 30)));
    server.routes.set('/feed.xml', { body: channel(server.url('/other.png')) });
    const moved = await runSnapshot(options(feeds, { now: new Date('2026-07-02T08:00:00.000Z') }));
    expect(moved.feeds[0]?.media).toMatchObject({ stored: 1, failed: 0 });
    expect(JSON.parse(await readFile(join(work.path, 'content', 'state', 'logo.json'), 'utf8')).image).toBe(
      server.url('/other.png'),
    );
    const before = server.requests.length;
    await runSnapshot(options(feeds, { now: new Date('2026-07-03T08:00:00.000Z') }));
    expect(server.requests.slice(before).map((request) => request.path)).toEqual(['/feed.xml']);
  });

  it('scales very large images down once, keeps what they were, and reuses the copy for the same bytes', async () => {
    const sharp = (await import('sharp')).default;
    const noise = { type: 'gaussian', mean: 128, sigma: 40 } as const;
    const large = await sharp({ create: { width: 1200, height: 800, channels: 3, noise, background: '#000' } })
      .jpeg()
      .toBuffer();
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, noise, background: '#000' } })
      .jpeg()
      .toBuffer();
    const jpeg = (body: Buffer) => ({ headers: { 'content-type': 'image/jpeg' }, body });
    await using server = await startFeedServer({ '/large.jpg': jpeg(large), '/small.jpg': jpeg(small) });
    server.routes.set('/a.xml', {
      body: rssFeed('A', [
        {
          title: 'A',
          guid: 'a',
          body: `<img src="${server.url('/large.jpg')}" alt="L"><img src="${server.url('/small.jpg')}" alt="S">`,
        },
      ]),
    });
    const limits = { downscale: 400 };
    const first = await runSnapshot(options([{ id: 'a', url: server.url('/a.xml') }], { mediaLimits: limits }));
    const entry = (await map('a')).images[server.url('/large.jpg')];
    if (!entry || !('file' in entry)) throw new Error('the large image was not stored');
    expect(entry).toMatchObject({
      type: 'image/jpeg',
      width: 400,
      height: 267,
      original: { sha256: await digest(large), width: 1200, height: 800, bytes: large.length },
    });
    const copy = await readFile(join(mediaDir(), entry.file));
    expect(copy.length).toBe(entry.bytes);
    expect(copy.length).toBeLessThan(large.length);
    expect(entry.file).toBe(storedFile(await digest(copy), 'image/jpeg'));
    expect((await sharp(copy).metadata()).width).toBe(400);
    // An image within the limit is stored as served.
    expect((await map('a')).images[server.url('/small.jpg')]).toEqual({
      file: storedFile(await digest(small), 'image/jpeg'),
      type: 'image/jpeg',
      width: 300,
      height: 200,
      bytes: small.length,
    });
    expect(first.feeds[0]?.media).toMatchObject({ stored: 2, bytes: copy.length + small.length });

    // A later run, another feed, the same bytes under another URL: the copy made before, nothing stored.
    server.routes.set('/again.jpg', jpeg(large));
    server.routes.set('/b.xml', {
      body: rssFeed('B', [{ title: 'B', guid: 'b', body: `<img src="${server.url('/again.jpg')}" alt="L">` }]),
    });
    const second = await runSnapshot(
      options([{ id: 'b', url: server.url('/b.xml') }], {
        mediaLimits: limits,
        now: new Date('2026-07-02T08:00:00.000Z'),
      }),
    );
    expect(second.feeds[0]?.media).toBeUndefined();
    expect((await map('b')).images[server.url('/again.jpg')]).toEqual(entry);
    expect(await storedFiles()).toEqual([entry.file, storedFile(await digest(small), 'image/jpeg')].sort());
  });

  it('reads mirrored images from their folder, never from the network, and nothing outside it', async () => {
    const folder = join(work.path, 'mirror');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await writeFile(join(folder, 'sub', 'a b.png'), png(5, 2, 20));
    await writeFile(join(work.path, 'secret.png'), png(2, 2, 1));
    await using server = await startFeedServer({});
    server.routes.set('/feed.xml', {
      body: rssFeed('Mirrored', [
        {
          title: 'Mirrored',
          guid: 'm',
          body: ['sub/a%20b.png', 'missing.png', '..%2Fsecret.png']
            .map((name) => `<img src="https://pics.example/img/${name}" alt="x">`)
            .join(''),
        },
      ]),
    });
    const report = await runSnapshot(
      options([{ id: 'mirrored', url: server.url('/feed.xml') }], {
        mediaMirrors: { 'https://pics.example/img/': folder },
      }),
    );
    expect(report.feeds[0]?.media).toMatchObject({ stored: 1, failed: 2 });
    const images = (await map('mirrored')).images;
    expect(images['https://pics.example/img/sub/a%20b.png']).toMatchObject({ width: 5, height: 2 });
    expect(images['https://pics.example/img/missing.png']).toMatchObject({
      lastError: `https://pics.example/img/missing.png is mirrored from ${folder}, which has no such file`,
    });
    expect(images['https://pics.example/img/..%2Fsecret.png']).toMatchObject({
      lastError: `https://pics.example/img/..%2Fsecret.png names no file in the mirror folder ${folder}`,
    });
  });
});

async function digest(bytes: Buffer): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}
