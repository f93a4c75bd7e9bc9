/**
 * Full text for summary-only feeds, against a real server on 127.0.0.1: twenty
 * article pages written in the markup of as many publishing platforms
 * (tests/fixtures/full-text/), fetched politely and extracted whole; robots.txt
 * obeyed; a page that is no article, a server error and an address the guard
 * refuses all leave the feed's text and are retried later; an item that leaves
 * its feed and whose link is gone is marked retracted.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import type { FeedConfig } from '#src/ingest/config.ts';
import { wantsFullText } from '#src/ingest/full-text.ts';
import { parseAllowNetworks } from '#src/ingest/net-guard.ts';
import { runSnapshot, type SnapshotOptions } from '#src/ingest/snapshot.ts';
import { type FeedServer, type Route, startFeedServer } from '../helpers/feed-server.ts';
import { rssFeed } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const FIXTURES = new URL('../fixtures/full-text/', import.meta.url);
const read = (name: string) => readFile(new URL(name, FIXTURES), 'utf8');
const LOOPBACK = parseAllowNetworks(['127.0.0.1/32'], 'test');
const NOW = new Date('2026-06-01T08:00:00.000Z');

interface Expected {
  page: string;
  title: string;
  mustContain: string[];
  mustNotContain: string[];
  images: string[];
}

interface ItemFile {
  frontmatter: Record<string, unknown>;
  body: string;
}

async function items(dir: string): Promise<ItemFile[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(
    files.map(async (name) => {
      const { frontmatter, body } = parseItemFile(await readFile(join(dir, name), 'utf8'));
      return { frontmatter: frontmatter as Record<string, unknown>, body };
    }),
  );
}

/** The reader's text of a Markdown body: escapes dropped, whitespace collapsed. */
function text(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\s+/g, ' ');
}

function snapshotOptions(root: string, feed: FeedConfig, extra: Partial<SnapshotOptions> = {}): SnapshotOptions {
  return {
    feeds: [feed],
    itemsDir: join(root, 'items'),
    stateDir: join(root, 'state'),
    now: NOW,
    workers: 0,
    allowNetworks: LOOPBACK,
    politeDelayMs: 0,
    ...extra,
  };
}

describe('a summary-only feed of twenty article pages', () => {
  const work = useTempDir('feedshelf-full-text-', 'all');
  let server: FeedServer;
  let expected: Expected[];
  let archived: ItemFile[];
  let report: Awaited<ReturnType<typeof runSnapshot>>;

  beforeAll(async () => {
    expected = JSON.parse(await read('expected.json')) as Expected[];
    const routes: Record<string, Route> = {
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: await read('robots.txt') },
    };
    for (const { page } of expected) {
      routes[`/articles/${page.replace(/\.html$/, '')}/`] = {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: await read(`pages/${page}`),
      };
    }
    server = await startFeedServer(routes);
    server.routes.set('/feed.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: (await read('feed.xml')).replaceAll('{{BASE}}', server.origin),
    });
    report = await runSnapshot(
      snapshotOptions(work.path, { id: 'weekly', url: server.url('/feed.xml'), fullText: 'auto' }),
    );
    archived = await items(join(work.path, 'items', 'weekly'));
  }, 120_000);

  afterAll(() => server?.close());

  it('archives every item with the text of its page, and says so', () => {
    expect(report.feeds[0]?.counts).toMatchObject({ new: 20, pages: 20 });
    expect(report.feeds[0]?.counts.pagesFailed).toBeUndefined();
    expect(archived.map((item) => [item.frontmatter.textSource, item.frontmatter.textFetched])).toEqual(
      Array.from({ length: 20 }, () => ['page', NOW.toISOString()]),
    );
  });

  it("keeps each article's paragraphs, headings, code and images, and none of the page around it", () => {
    const failures: string[] = [];
    for (const page of expected) {
      const link = `${server.origin}/articles/${page.page.replace(/\.html$/, '')}/`;
      const item = archived.find((candidate) => candidate.frontmatter.link === link);
      if (!item) {
        failures.push(`${page.page}: not archived`);
        continue;
      }
      const body = text(item.body);
      for (const wanted of page.mustContain)
        if (!body.includes(wanted)) failures.push(`${page.page}: lost "${wanted}"`);
      for (const unwanted of page.mustNotContain)
        if (body.includes(unwanted)) failures.push(`${page.page}: kept "${unwanted}"`);
      for (const image of page.images) {
        const absolute = new URL(image, link).href;
        if (!item.body.includes(`](${absolute}`)) failures.push(`${page.page}: lost image ${absolute}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reads robots.txt once, and names itself in every request', () => {
    expect(server.requestsFor('/robots.txt')).toHaveLength(1);
    const pages = server.requests.filter((request) => request.path.startsWith('/articles/'));
    expect(pages).toHaveLength(20);
    expect(new Set(pages.map((request) => request.headers['user-agent']))).toEqual(
      new Set([expect.stringMatching(/^feedshelf\/\d+\.\d+\.\d+ /)]),
    );
  });

  it('fetches nothing again on a second run over the same feed', async () => {
    const before = server.requests.length;
    const again = await runSnapshot(
      snapshotOptions(work.path, { id: 'weekly', url: server.url('/feed.xml'), fullText: 'auto' }),
    );
    expect(again.feeds[0]?.counts).toMatchObject({ new: 0, updated: 0, unchanged: 20 });
    expect(server.requests.slice(before).map((request) => request.path)).toEqual(['/feed.xml']);
  });
});

describe('pages that cannot give an item its text', () => {
  const work = useTempDir('feedshelf-full-text-fail-');

  async function run(feed: FeedConfig, extra: Partial<SnapshotOptions> = {}) {
    const report = await runSnapshot(snapshotOptions(work.path, feed, extra));
    return { report, archived: await items(join(work.path, 'items', feed.id)) };
  }

  it('obeys robots.txt, refuses what is not an article or answers an error, and keeps the feed text', async () => {
    await using server = await startFeedServer({
      '/robots.txt': { body: 'User-agent: *\nDisallow: /private/\n' },
      '/private/a/': { headers: { 'content-type': 'text/html' }, body: await read('pages/01-wordpress-classic.html') },
      '/landing/': { headers: { 'content-type': 'text/html' }, body: await read('not-an-article.html') },
      '/broken/': { status: 500, body: 'oops' },
    });
    server.routes.set('/feed.xml', {
      body: rssFeed('Teasers', [
        { title: 'Private', guid: 'p', link: server.url('/private/a/'), body: 'A teaser…' },
        { title: 'Landing', guid: 'l', link: server.url('/landing/'), body: 'Shop now…' },
        { title: 'Broken', guid: 'b', link: server.url('/broken/'), body: 'Read more…' },
      ]),
    });
    const feed = { id: 'teasers', url: server.url('/feed.xml'), fullText: 'auto' as const };
    const { report, archived } = await run(feed);
    expect(report.feeds[0]?.status).toBe('ok');
    expect(report.feeds[0]?.counts).toMatchObject({ new: 3, pagesFailed: 3 });
    expect(report.feeds[0]?.pageFailures?.map((failure) => [failure.title, failure.reason])).toEqual([
      ['Private', `${server.origin}/robots.txt disallows fetching ${server.url('/private/a/')}`],
      ['Landing', `${server.url('/landing/')}: the page holds no article (too little prose for a reader view)`],
      ['Broken', `${server.url('/broken/')} answered HTTP 500`],
    ]);
    expect(server.requestsFor('/private/a/')).toHaveLength(0);
    expect(archived.map((item) => [item.frontmatter.title, item.frontmatter.textSource, item.body])).toEqual([
      ['Broken', undefined, 'Read more…'],
      ['Landing', undefined, 'Shop now…'],
      ['Private', undefined, 'A teaser…'],
    ]);
    const state = JSON.parse(await readFile(join(work.path, 'state', 'teasers.json'), 'utf8'));
    expect(state.pages.b).toEqual({
      failures: 1,
      retryAfter: '2026-06-01T09:00:00.000Z',
      lastError: `${server.url('/broken/')} answered HTTP 500`,
    });

    // Within the backoff nothing is asked again; after it, the mended page gives the item its text.
    server.routes.set('/broken/', {
      headers: { 'content-type': 'text/html' },
      body: await read('pages/03-ghost.html'),
    });
    await run(feed, { now: new Date('2026-06-01T08:30:00.000Z') });
    expect(server.requestsFor('/broken/')).toHaveLength(1);
    const later = await run(feed, { now: new Date('2026-06-01T09:30:00.000Z') });
    expect(later.report.feeds[0]?.counts).toMatchObject({ new: 0, updated: 0, unchanged: 3, pages: 1, pagesFailed: 2 });
    const mended = later.archived.find((item) => item.frontmatter.title === 'Broken');
    expect(mended?.frontmatter).toMatchObject({ textSource: 'page', textFetched: '2026-06-01T09:30:00.000Z' });
    expect(mended?.frontmatter.updated).toBeUndefined();
    expect(text(mended?.body ?? '')).toContain('a sampling profiler answers the question you did not think to ask');
  });

  it('refuses a page on a network the user did not allow, and says how to allow it', async () => {
    await using server = await startFeedServer({});
    server.routes.set('/feed.xml', {
      body: rssFeed('Local', [{ title: 'Inside', guid: 'i', link: server.url('/post/'), body: 'Teaser…' }]),
    });
    const { report } = await run(
      { id: 'local', url: server.url('/feed.xml'), fullText: 'always' },
      {
        allowNetworks: [],
      },
    );
    expect(report.feeds[0]?.counts).toMatchObject({ new: 1, pagesFailed: 1 });
    expect(report.feeds[0]?.pageFailures?.[0]?.reason).toBe(
      `Refused to fetch ${server.url('/robots.txt')}: 127.0.0.1 is a loopback address; allow it with allowNetworks in feeds.yaml or FEEDSHELF_ALLOW_NETWORKS.`,
    );
    expect(server.requestsFor('/post/')).toHaveLength(0);
  });
});

describe('an item that leaves its feed', () => {
  const work = useTempDir('feedshelf-retraction-');

  it('is marked retracted when its link is gone, and left alone when its link still answers', async () => {
    await using server = await startFeedServer({ '/kept/': { body: 'still here' } });
    const entries = [
      { title: 'Withdrawn', guid: 'w', link: server.url('/withdrawn/'), body: '<p>Soon gone.</p>' },
      { title: 'Aged out', guid: 'k', link: server.url('/kept/'), body: '<p>Still online.</p>' },
      { title: 'Current', guid: 'c', link: server.url('/current/'), body: '<p>Here.</p>' },
    ];
    server.routes.set('/feed.xml', { body: rssFeed('News', entries) });
    const feed = { id: 'news', url: server.url('/feed.xml') };
    await runSnapshot(snapshotOptions(work.path, feed));
    server.routes.set('/withdrawn/', { status: 410, body: 'gone' });
    server.routes.set('/feed.xml', { body: rssFeed('News', entries.slice(2)) });
    const report = await runSnapshot(snapshotOptions(work.path, feed, { now: new Date('2026-06-02T08:00:00.000Z') }));
    expect(report.feeds[0]?.counts).toMatchObject({ unchanged: 1, retracted: 1 });
    const archived = await items(join(work.path, 'items', 'news'));
    expect(
      archived.map((item) => [item.frontmatter.title, item.frontmatter.retracted, item.frontmatter.retractedStatus]),
    ).toEqual(
      [
        ['Withdrawn', '2026-06-02T08:00:00.000Z', 410],
        ['Aged out', undefined, undefined],
        ['Current', undefined, undefined],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(server.requestsFor('/withdrawn/')).toHaveLength(1);

    // Checked once: a third run asks nothing more, and the item stays archived.
    await runSnapshot(snapshotOptions(work.path, feed, { now: new Date('2026-06-03T08:00:00.000Z') }));
    expect(server.requestsFor('/withdrawn/')).toHaveLength(1);
    expect(server.requestsFor('/kept/')).toHaveLength(1);
  });
});

describe('an archive from before feeds kept their entries', () => {
  const work = useTempDir('feedshelf-present-');

  it('changes no byte on an unchanged run, and starts keeping them with the next change', async () => {
    await using server = await startFeedServer({});
    const one = { title: 'One', guid: 'one', link: server.url('/one/'), body: '<p>One.</p>' };
    server.routes.set('/feed.xml', { body: rssFeed('Old', [one]) });
    const feed = { id: 'old', url: server.url('/feed.xml') };
    await runSnapshot(snapshotOptions(work.path, feed));
    const file = join(work.path, 'state', 'old.json');
    const { present: _present, ...older } = JSON.parse(await readFile(file, 'utf8'));
    const olderText = `${JSON.stringify(older, null, 2)}\n`;
    await writeFile(file, olderText);

    await runSnapshot(snapshotOptions(work.path, feed, { now: new Date('2026-06-02T08:00:00.000Z') }));
    expect(await readFile(file, 'utf8')).toBe(olderText);

    const two = { title: 'Two', guid: 'two', link: server.url('/two/'), body: '<p>Two.</p>' };
    server.routes.set('/feed.xml', { body: rssFeed('Old', [two, one]) });
    await runSnapshot(snapshotOptions(work.path, feed, { now: new Date('2026-06-03T08:00:00.000Z') }));
    expect(JSON.parse(await readFile(file, 'utf8')).present).toEqual(['one', 'two']);
  });
});

describe('wantsFullText', () => {
  const long = `<p>${'A real paragraph of an article. '.repeat(40)}</p>`;
  it.each([
    ['auto', undefined, 'Just a teaser.', true],
    ['auto', long, undefined, false],
    ['auto', `${long}<p>Continue reading…</p>`, undefined, true],
    ['always', long, undefined, true],
    ['never', undefined, 'Teaser…', false],
  ] as const)('%s with content %#', (mode, contentHtml, summaryHtml, wanted) => {
    expect(wantsFullText(mode, { link: 'https://example.org/a', contentHtml, summaryHtml })).toBe(wanted);
  });

  it('never fetches an entry without an http(s) link', () => {
    expect(wantsFullText('always', { link: 'file:///etc/passwd' })).toBe(false);
    expect(wantsFullText('always', {})).toBe(false);
  });
});

describe('the report of pages that gave no text', () => {
  it('names the first page and why on the feed line, every one with --verbose', async () => {
    const { formatFeedLine } = await import('#src/ingest/report.ts');
    const feed = {
      id: 'teasers',
      url: 'https://example.org/feed',
      status: 'ok' as const,
      counts: { new: 2, updated: 0, unchanged: 0, skipped: 0, pagesFailed: 2 },
      warnings: [],
      pageFailures: [
        { title: 'A', link: 'https://example.org/a', reason: 'https://example.org/a answered HTTP 500' },
        {
          title: 'B',
          link: 'https://example.org/b',
          reason: 'https://example.org/robots.txt disallows fetching https://example.org/b',
        },
      ],
      durationMs: 1200,
    };
    expect(formatFeedLine(feed)).toBe(
      'ok           teasers: 2 new, 0 updated, 0 unchanged, 0 skipped; 2 pages not fetched, retried later (1.20 s)\n' +
        '             page: https://example.org/a answered HTTP 500 (--verbose shows the others)',
    );
    expect(formatFeedLine(feed, true).split('\n').slice(1)).toEqual([
      '             page: A <https://example.org/a>: https://example.org/a answered HTTP 500',
      '             page: B <https://example.org/b>: https://example.org/robots.txt disallows fetching https://example.org/b',
    ]);
  });
});
