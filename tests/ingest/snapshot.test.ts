import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import type { FeedConfig } from '#src/ingest/config.ts';
import { runSnapshot, type SnapshotOptions } from '#src/ingest/snapshot.ts';
import { readState, serializeState } from '#src/ingest/state-fs.ts';
import { exists } from '#src/util/exists-fs.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { type FixtureItem, rssFeed, treeFiles, treeSnapshot } from '../helpers/rss-fixture.ts';

const DAY1 = new Date('2026-03-10T09:00:00.000Z');
const DAY2 = new Date('2026-03-11T09:00:00.000Z');
const DAY3 = new Date('2026-03-12T09:00:00.000Z');

const ITEMS: FixtureItem[] = [
  {
    title: 'First post',
    guid: 'http://example.org/posts/1',
    link: 'https://example.org/posts/1',
    date: 'Mon, 02 Mar 2026 08:00:00 GMT',
  },
  {
    title: 'Second post',
    guid: 'http://example.org/posts/2',
    link: 'https://example.org/posts/2',
    date: 'Tue, 03 Mar 2026 08:00:00 GMT',
  },
  {
    title: 'Third post',
    guid: 'http://example.org/posts/3',
    link: 'https://example.org/posts/3',
    date: 'Wed, 04 Mar 2026 08:00:00 GMT',
  },
];

let root: string;
let itemsDir: string;
let stateDir: string;
let server: FeedServer | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'feedshelf-snapshot-'));
  itemsDir = join(root, 'content', 'items');
  stateDir = join(root, 'content', 'state');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(root, { recursive: true, force: true });
});

async function localFeed(
  id: string,
  items: readonly FixtureItem[],
  extra: Partial<FeedConfig> = {},
): Promise<FeedConfig> {
  const path = join(root, 'feeds', `${id}.xml`);
  await mkdir(join(root, 'feeds'), { recursive: true });
  await writeFile(path, rssFeed(`Feed ${id}`, items));
  return { id, url: `feeds/${id}.xml`, path, ...extra };
}

function run(feeds: FeedConfig[], now: Date, extra: Partial<SnapshotOptions> = {}) {
  return runSnapshot({ feeds, itemsDir, stateDir, now, timeoutMs: 2000, ...extra });
}

async function frontmatter(relativePath: string): Promise<Record<string, unknown>> {
  const { frontmatter } = parseItemFile(await readFile(join(itemsDir, relativePath), 'utf8'));
  return frontmatter as Record<string, unknown>;
}

describe('a local feed', () => {
  it('is refused when listed twice under one id, before anything is written', async () => {
    const feed = await localFeed('notes', ITEMS);
    await expect(run([feed, feed], DAY1)).rejects.toThrow(
      'Feed id "notes" is listed twice; each feed needs an id of its own.',
    );
    expect(await exists(join(root, 'content'))).toBe(false);
  });

  it('is archived one file per item with state, and a second run changes zero bytes', async () => {
    const feed = await localFeed('notes', ITEMS);
    const first = await run([feed], DAY1);
    expect(first.feeds.map((f) => [f.id, f.status, f.counts])).toEqual([
      ['notes', 'ok', { new: 3, updated: 0, unchanged: 0, skipped: 0 }],
    ]);
    expect(await treeFiles(join(root, 'content'))).toEqual([
      'items/notes/2026-03-02-first-post.md',
      'items/notes/2026-03-03-second-post.md',
      'items/notes/2026-03-04-third-post.md',
      'state/notes.json',
    ]);
    expect(await frontmatter('notes/2026-03-02-first-post.md')).toMatchObject({
      title: 'First post',
      id: 'https://example.org/posts/1',
      source: 'notes',
      firstSeen: '2026-03-10T09:00:00.000Z',
    });
    // A local feed's path is this machine's: its state keeps none.
    expect(JSON.parse(await readFile(join(stateDir, 'notes.json'), 'utf8'))).toEqual({
      id: 'notes',
      title: 'Feed notes',
      siteUrl: 'https://example.org/',
      lastSuccess: '2026-03-10T09:00:00.000Z',
      present: ['https://example.org/posts/1', 'https://example.org/posts/2', 'https://example.org/posts/3'],
    });

    const before = await treeSnapshot(join(root, 'content'));
    const second = await run([feed], DAY2);
    expect(second.feeds[0]?.counts).toEqual({ new: 0, updated: 0, unchanged: 3, skipped: 0 });
    expect(await treeSnapshot(join(root, 'content'))).toEqual(before);
  });

  it('rewrites a changed item in place with updated, keeps firstSeen, and keeps items that left the feed', async () => {
    await run([await localFeed('notes', ITEMS)], DAY1);
    const edited = [
      { ...ITEMS[0], title: 'First post', body: '<p>Now with a correction.</p>' } as FixtureItem,
      ITEMS[1] as FixtureItem,
    ];
    const report = await run([await localFeed('notes', edited)], DAY2);
    expect(report.feeds[0]?.counts).toEqual({ new: 0, updated: 1, unchanged: 1, skipped: 0 });
    expect(await treeFiles(itemsDir)).toEqual([
      'notes/2026-03-02-first-post.md',
      'notes/2026-03-03-second-post.md',
      'notes/2026-03-04-third-post.md',
    ]);
    const updated = await readFile(join(itemsDir, 'notes/2026-03-02-first-post.md'), 'utf8');
    expect(updated).toContain('Now with a correction.');
    expect(parseItemFile(updated).frontmatter).toMatchObject({
      updated: '2026-03-11T09:00:00.000Z',
      firstSeen: '2026-03-10T09:00:00.000Z',
      published: '2026-03-02T08:00:00.000Z',
    });
    expect(JSON.parse(await readFile(join(stateDir, 'notes.json'), 'utf8')).lastSuccess).toBe(
      '2026-03-11T09:00:00.000Z',
    );
  });

  it('treats a guid that moved to https, gained www. and a trailing slash as the same, unchanged item', async () => {
    await run([await localFeed('notes', [ITEMS[0] as FixtureItem])], DAY1);
    const before = await treeSnapshot(join(root, 'content'));
    const moved = { ...ITEMS[0], guid: 'https://www.example.org/posts/1/' } as FixtureItem;
    const report = await run([await localFeed('notes', [moved])], DAY2);
    expect(report.feeds[0]?.counts).toEqual({ new: 0, updated: 0, unchanged: 1, skipped: 0 });
    expect(await treeSnapshot(join(root, 'content'))).toEqual(before);
    expect(await frontmatter('notes/2026-03-02-first-post.md')).not.toHaveProperty('updated');
  });

  it('names the entry and the reason when an item cannot be converted, and leaves its file alone', async () => {
    await run([await localFeed('notes', ITEMS)], DAY1);
    const path = join(itemsDir, 'notes/2026-03-02-first-post.md');
    const broken = (await readFile(path, 'utf8')).replace(/^firstSeen: .*$/m, 'firstSeen: someday');
    await writeFile(path, broken);
    const edited = ITEMS.map((item) => ({ ...item, body: `<p>${item.title}, revised.</p>` }));
    const report = await run([await localFeed('notes', edited)], DAY2);
    expect(report.feeds[0]?.counts).toEqual({ new: 0, updated: 2, unchanged: 0, skipped: 1 });
    expect(report.feeds[0]?.warnings).toEqual([
      {
        link: 'https://example.org/posts/1',
        title: 'First post',
        reason:
          'it could not be converted: firstSeen "someday" of the archived item is not a date; correct it in the item\'s frontmatter.',
      },
    ]);
    expect(await readFile(path, 'utf8')).toBe(broken);
  });

  it('keeps both posts when a feed repeats one guid for different posts, and skips exact repeats', async () => {
    const items: FixtureItem[] = [
      {
        title: 'Monday notes',
        guid: 'daily',
        link: 'https://example.org/monday',
        date: 'Mon, 02 Mar 2026 08:00:00 GMT',
      },
      {
        title: 'Tuesday notes',
        guid: 'daily',
        link: 'https://example.org/tuesday',
        date: 'Tue, 03 Mar 2026 08:00:00 GMT',
      },
      {
        title: 'Monday notes',
        guid: 'daily',
        link: 'https://example.org/monday',
        date: 'Mon, 02 Mar 2026 08:00:00 GMT',
      },
    ];
    const report = await run([await localFeed('daily', items)], DAY1);
    expect(report.feeds[0]?.counts).toEqual({ new: 2, updated: 0, unchanged: 0, skipped: 1 });
    const ids = await Promise.all((await treeFiles(itemsDir)).map(async (file) => (await frontmatter(file)).id));
    expect(ids).toEqual(['daily', `daily#${ids[1]?.toString().split('#')[1]}`]);
    expect(ids[1]).toMatch(/^daily#[0-9a-f]{8}$/);

    // Next day the guid is reused again, for a new post only: the archived posts stay as they are.
    const wednesday: FixtureItem[] = [
      {
        title: 'Wednesday notes',
        guid: 'daily',
        link: 'https://example.org/wednesday',
        date: 'Wed, 04 Mar 2026 08:00:00 GMT',
      },
    ];
    const next = await run([await localFeed('daily', wednesday)], DAY2);
    expect(next.feeds[0]?.counts).toEqual({ new: 1, updated: 0, unchanged: 0, skipped: 0 });
    expect(await treeFiles(itemsDir)).toEqual([
      'daily/2026-03-02-monday-notes.md',
      'daily/2026-03-03-tuesday-notes.md',
      'daily/2026-03-04-wednesday-notes.md',
    ]);
    expect((await frontmatter('daily/2026-03-02-monday-notes.md')).id).toBe('daily');
  });

  it('gives colliding file names a short hash suffix', async () => {
    const items: FixtureItem[] = [
      { title: 'Same title', guid: 'a', date: 'Mon, 02 Mar 2026 08:00:00 GMT' },
      { title: 'Same title', guid: 'b', date: 'Mon, 02 Mar 2026 09:00:00 GMT' },
    ];
    await run([await localFeed('same', items)], DAY1);
    const files = await treeFiles(itemsDir);
    expect(files).toEqual([
      expect.stringMatching(/^same\/2026-03-02-same-title-[0-9a-f]{8}\.md$/),
      'same/2026-03-02-same-title.md',
    ]);
    expect((await frontmatter('same/2026-03-02-same-title.md')).id).toBe('a');
    expect((await frontmatter(files[0] ?? '')).id).toBe('b');
  });

  it('writes the same bytes whether large feeds convert in worker threads or inline', { timeout: 60_000 }, async () => {
    const many: FixtureItem[] = Array.from({ length: 80 }, (_, i) => ({
      title: i % 10 === 0 ? 'Weekly digest' : `Post ${i}`,
      guid: `urn:post:${i}`,
      date: `Mon, 02 Mar 2026 ${String(i % 24).padStart(2, '0')}:00:00 GMT`,
      body: `<p>Body of post ${i} with <code>x &lt; ${i}</code>.</p>`,
    }));
    const feed = await localFeed('many', many);
    const pooled = await run([feed], DAY1, { workers: 2 });
    expect(pooled.feeds[0]?.counts).toEqual({ new: 80, updated: 0, unchanged: 0, skipped: 0 });
    const withPool = await treeSnapshot(itemsDir);
    await rm(join(root, 'content'), { recursive: true });
    await run([feed], DAY1, { workers: 0 });
    const inline = await treeSnapshot(itemsDir);
    expect([...inline.keys()].sort()).toEqual([...withPool.keys()].sort());
    for (const [file, { text }] of inline) expect(withPool.get(file)?.text).toBe(text);
  });

  it('applies include and exclude filters and counts what they left out', async () => {
    const items: FixtureItem[] = [
      { title: 'Release 1.0', guid: '1', categories: ['News'] },
      { title: 'Release 1.1 (sponsored)', guid: '2', categories: ['News', 'Ads'] },
      { title: 'Lunch menu', guid: '3', categories: ['Office'] },
      { title: 'Roadmap', guid: '4', categories: ['news'] },
    ];
    const feed = await localFeed('filtered', items, {
      include: { title: ['^release'], tags: ['NEWS'] },
      exclude: { tags: ['ads'] },
    });
    const report = await run([feed], DAY1);
    expect(report.feeds[0]?.counts).toEqual({ new: 2, updated: 0, unchanged: 0, skipped: 2 });
    const titles = await Promise.all((await treeFiles(itemsDir)).map(async (file) => (await frontmatter(file)).title));
    expect(titles.sort()).toEqual(['Release 1.0', 'Roadmap']);
  });

  it('writes nothing on a dry run but reports what would change', async () => {
    const report = await run([await localFeed('notes', ITEMS)], DAY1, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.feeds[0]?.counts).toEqual({ new: 3, updated: 0, unchanged: 0, skipped: 0 });
    expect(await treeFiles(root)).toEqual(['feeds/notes.xml']);
  });

  it('reports a missing file as failed without backoff, and does not stop other feeds', async () => {
    const good = await localFeed('good', ITEMS);
    const missing: FeedConfig = { id: 'missing', url: 'feeds/missing.xml', path: join(root, 'feeds', 'missing.xml') };
    const report = await run([missing, good], DAY1);
    expect(report.feeds.map((f) => [f.id, f.status, f.code ?? '', f.error ?? ''])).toEqual([
      ['missing', 'failed', 'not-found', 'Feed file feeds/missing.xml does not exist; check its path in the config.'],
      ['good', 'ok', '', ''],
    ]);
    expect(report.totals).toMatchObject({ feeds: 2, ok: 1, failed: 1, new: 3 });
    const state = (await readState(stateDir, 'missing'))?.state;
    expect(state).toMatchObject({ failures: 1, lastAttempt: '2026-03-10T09:00:00.000Z' });
    expect(state?.retryAfter).toBeUndefined();
  });
});

describe('hostile input', () => {
  it('cannot write outside the output folder through titles, guids or feed ids', async () => {
    const items: FixtureItem[] = [
      { title: '../../../../etc/passwd', guid: '../../../../tmp/evil', date: 'Mon, 02 Mar 2026 08:00:00 GMT' },
      { title: '..\\..\\windows\\system32', guid: '/etc/shadow', link: 'https://example.org/a/../../b' },
      { title: '\u0000.hidden', guid: '..' },
    ];
    const feed = await localFeed('hostile', items);
    const evil: FeedConfig = { ...feed, id: '../escape' };
    const report = await run([feed, evil], DAY1);
    expect(report.feeds.map((f) => [f.id, f.status])).toEqual([
      ['hostile', 'ok'],
      ['../escape', 'failed'],
    ]);
    const files = await treeFiles(root);
    expect(files.filter((file) => !file.startsWith('content/items/hostile/') && file !== 'feeds/hostile.xml')).toEqual([
      'content/state/hostile.json',
    ]);
    expect(files.filter((file) => file.startsWith('content/items/hostile/'))).toEqual([
      'content/items/hostile/2026-03-02-etc-passwd.md',
      'content/items/hostile/2026-03-10-hidden.md',
      'content/items/hostile/2026-03-10-windows-system32.md',
    ]);
    for (const file of files) expect(file.split('/').some((part) => part.startsWith('.') || part === '..')).toBe(false);
  });
});

describe('an HTTP feed', () => {
  const body = rssFeed('Remote', ITEMS);

  it('uses conditional GET: a 304 is not-modified and writes nothing', async () => {
    server = await startFeedServer({
      '/feed.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304);
          res.end();
        } else {
          res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' });
          res.end(body);
        }
      },
    });
    const feed: FeedConfig = { id: 'remote', url: server.url('/feed.xml') };
    expect((await run([feed], DAY1)).feeds[0]?.counts.new).toBe(3);
    const before = await treeSnapshot(join(root, 'content'));
    const second = await run([feed], DAY2);
    expect(second.feeds[0]?.status).toBe('not-modified');
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(await treeSnapshot(join(root, 'content'))).toEqual(before);
  });

  it('records a 301 in state and fetches the new URL next time', async () => {
    server = await startFeedServer({
      '/old.xml': { status: 301, headers: { location: '/new.xml' } },
      '/new.xml': { body },
    });
    const feed: FeedConfig = { id: 'moved', url: server.url('/old.xml') };
    await run([feed], DAY1);
    expect((await readState(stateDir, 'moved'))?.state.redirectedTo).toBe(server.url('/new.xml'));
    await run([feed], DAY2);
    expect(server.requests.map((r) => r.path)).toEqual(['/old.xml', '/new.xml', '/new.xml']);
  });

  it('marks a 410 feed gone and skips it on later runs', async () => {
    server = await startFeedServer({ '/feed.xml': { status: 410 } });
    const feed: FeedConfig = { id: 'gone', url: server.url('/feed.xml') };
    const first = await run([feed], DAY1);
    expect(first.feeds[0]).toMatchObject({
      status: 'failed',
      code: 'gone',
      error: 'Feed gone answered 410 Gone; later runs skip it.',
    });
    const second = await run([feed], DAY2);
    expect(second.feeds[0]).toMatchObject({
      status: 'skipped',
      code: 'gone',
      error: `Feed gone answered 410 Gone earlier; remove it from the config, or delete ${join(stateDir, 'gone.json')} to try again.`,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('honours Retry-After on 429 and skips the feed until then', async () => {
    server = await startFeedServer({ '/feed.xml': { status: 429, headers: { 'retry-after': '3600' } } });
    const feed: FeedConfig = { id: 'busy', url: server.url('/feed.xml') };
    const first = await run([feed], DAY1);
    expect(first.feeds[0]).toMatchObject({ status: 'failed', code: 'throttled' });
    expect((await readState(stateDir, 'busy'))?.state).toMatchObject({
      failures: 1,
      retryAfter: '2026-03-10T10:00:00.000Z',
    });
    const soon = await run([feed], new Date('2026-03-10T09:30:00.000Z'));
    expect(soon.feeds[0]).toMatchObject({
      status: 'skipped',
      code: 'backoff',
      error: 'Feed busy is skipped until 2026-03-10T10:00:00.000Z after 1 failed attempt.',
    });
    expect(server.requests).toHaveLength(1);
    server.routes.set('/feed.xml', { body });
    const later = await run([feed], new Date('2026-03-10T10:00:01.000Z'));
    expect(later.feeds[0]).toMatchObject({ status: 'ok', counts: { new: 3, updated: 0, unchanged: 0, skipped: 0 } });
    expect((await readState(stateDir, 'busy'))?.state).toEqual({
      id: 'busy',
      url: feed.url,
      title: 'Remote',
      siteUrl: 'https://example.org/',
      gone: false,
      failures: 0,
      lastSuccess: '2026-03-10T10:00:01.000Z',
      present: ['https://example.org/posts/1', 'https://example.org/posts/2', 'https://example.org/posts/3'],
    });
  });

  it('caps a Retry-After of 99999999 seconds at 7 days and says so', async () => {
    server = await startFeedServer({ '/feed.xml': { status: 429, headers: { 'retry-after': '99999999' } } });
    const feed: FeedConfig = { id: 'busy', url: server.url('/feed.xml') };
    const error =
      'Feed busy answered HTTP 429; skipped until 2026-03-17T09:00:00.000Z (Retry-After of 1157 days capped at 7 days).';
    const first = await run([feed], DAY1);
    expect(first.feeds[0]).toMatchObject({ status: 'failed', code: 'throttled', error });
    expect((await readState(stateDir, 'busy'))?.state).toMatchObject({
      failures: 1,
      lastError: error,
      retryAfter: '2026-03-17T09:00:00.000Z',
    });
    server.routes.set('/feed.xml', { body });
    const later = await run([feed], new Date('2026-03-17T09:00:01.000Z'));
    expect(later.feeds[0]).toMatchObject({ status: 'ok', counts: { new: 3, updated: 0, unchanged: 0, skipped: 0 } });
    expect(server.requests).toHaveLength(2);
  });

  it('caps a Retry-After HTTP date years ahead at 7 days and says so', async () => {
    server = await startFeedServer({
      '/feed.xml': { status: 503, headers: { 'retry-after': 'Mon, 10 Mar 2031 09:00:00 GMT' } },
    });
    const feed: FeedConfig = { id: 'busy', url: server.url('/feed.xml') };
    const first = await run([feed], DAY1);
    expect(first.feeds[0]).toMatchObject({
      status: 'failed',
      code: 'throttled',
      error:
        'Feed busy answered HTTP 503; skipped until 2026-03-17T09:00:00.000Z (Retry-After of 1826 days capped at 7 days).',
    });
    expect((await readState(stateDir, 'busy'))?.state.retryAfter).toBe('2026-03-17T09:00:00.000Z');
  });

  it('keeps a Retry-After HTTP date under 7 days as the server gave it', async () => {
    server = await startFeedServer({
      '/feed.xml': { status: 503, headers: { 'retry-after': 'Mon, 16 Mar 2026 21:30:00 GMT' } },
    });
    const feed: FeedConfig = { id: 'busy', url: server.url('/feed.xml') };
    const first = await run([feed], DAY1);
    expect(first.feeds[0]).toMatchObject({
      status: 'failed',
      code: 'throttled',
      error: 'Feed busy answered HTTP 503; skipped until 2026-03-16T21:30:00.000Z.',
    });
    expect((await readState(stateDir, 'busy'))?.state.retryAfter).toBe('2026-03-16T21:30:00.000Z');
  });

  it('holds an uncapped stored retryAfter to 7 days after the attempt that set it', async () => {
    server = await startFeedServer({ '/feed.xml': { body } });
    const feed: FeedConfig = { id: 'busy', url: server.url('/feed.xml') };
    await mkdir(stateDir, { recursive: true });
    await writeFile(
      join(stateDir, 'busy.json'),
      serializeState({
        id: 'busy',
        url: feed.url,
        gone: false,
        failures: 1,
        lastAttempt: '2026-03-10T09:00:00.000Z',
        lastError: 'Feed busy answered HTTP 429; skipped until 2029-06-05T18:46:39.000Z.',
        retryAfter: '2029-06-05T18:46:39.000Z',
      }),
    );
    const soon = await run([feed], new Date('2026-03-17T08:59:59.000Z'));
    expect(soon.feeds[0]).toMatchObject({
      status: 'skipped',
      code: 'backoff',
      error: 'Feed busy is skipped until 2026-03-17T09:00:00.000Z after 1 failed attempt.',
    });
    expect(server.requests).toHaveLength(0);
    const later = await run([feed], new Date('2026-03-17T09:00:00.000Z'));
    expect(later.feeds[0]).toMatchObject({ status: 'ok', counts: { new: 3, updated: 0, unchanged: 0, skipped: 0 } });
    expect(server.requests).toHaveLength(1);
  });

  it('counts consecutive failures and backs off 2^failures hours', async () => {
    server = await startFeedServer({ '/feed.xml': { status: 500 } });
    const feed: FeedConfig = { id: 'flaky', url: server.url('/feed.xml') };
    await run([feed], DAY1);
    expect((await readState(stateDir, 'flaky'))?.state).toMatchObject({
      failures: 1,
      retryAfter: '2026-03-10T11:00:00.000Z',
    });
    expect((await run([feed], new Date('2026-03-10T10:59:00.000Z'))).feeds[0]?.status).toBe('skipped');
    await run([feed], new Date('2026-03-10T11:00:00.000Z'));
    expect((await readState(stateDir, 'flaky'))?.state).toMatchObject({
      failures: 2,
      lastAttempt: '2026-03-10T11:00:00.000Z',
      lastError: `Feed ${feed.url} answered HTTP 500; check the URL.`,
      retryAfter: '2026-03-10T15:00:00.000Z',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('does not let a failing feed stop or touch the others', async () => {
    server = await startFeedServer({ '/good.xml': { body }, '/bad.xml': { body: '<html><body>oops</body></html>' } });
    const report = await run(
      [
        { id: 'bad', url: server.url('/bad.xml') },
        { id: 'good', url: server.url('/good.xml') },
      ],
      DAY3,
      { concurrency: 2 },
    );
    expect(report.feeds.map((f) => [f.id, f.status])).toEqual([
      ['bad', 'failed'],
      ['good', 'ok'],
    ]);
    expect(await treeFiles(itemsDir)).toEqual([
      'good/2026-03-02-first-post.md',
      'good/2026-03-03-second-post.md',
      'good/2026-03-04-third-post.md',
    ]);
  });
});
