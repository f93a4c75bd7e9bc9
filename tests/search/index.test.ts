/**
 * The sharded search index over a small hand-written site: Pagefind's CLI
 * really runs, once per shard that changed; a warm index reads only the pages
 * whose size or mtime changed since the last (mtimes set with utimes).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSite } from '#src/search/index-fs.ts';

let dir = '';
let site = '';
let cacheDir = '';

function articlePage(day: string, title: string, words: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><title>${title}</title></head><body><main>` +
    `<article class="article" data-pagefind-body><div hidden>` +
    `<span data-pagefind-sort="date[data-value]" data-value="${day}T09:00:00.000Z"></span>` +
    `<span data-pagefind-meta="title[data-value]" data-value="${title}"></span></div>` +
    `<h1>${title}</h1><p>${words}</p></article><nav>Next</nav></main></body></html>`
  );
}

async function writePageIn(root: string, file: string, html: string): Promise<void> {
  await mkdir(join(root, file, '..'), { recursive: true });
  await writeFile(join(root, file), html);
}

async function writePage(file: string, html: string): Promise<void> {
  await writePageIn(site, file, html);
}

/** The cached shards in a search cache folder (the page manifest aside). */
async function cachedShards(cache: string): Promise<string[]> {
  return (await readdir(cache)).filter((name) => name !== 'pages.json').sort();
}

/** Every file of the site's pagefind/ bundle with its bytes, in name order. */
async function bundleFiles(root: string): Promise<(readonly [string, Buffer])[]> {
  const bundle = join(root, 'pagefind');
  const names = (await readdir(bundle, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(bundle.length + 1))
    .sort();
  return Promise.all(names.map(async (name) => [name, await readFile(join(bundle, name))] as const));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedshelf-search-index-'));
  site = join(dir, 'dist');
  cacheDir = join(dir, 'cache');
  await writePage('index.html', '<!DOCTYPE html><html lang="en"><body><h1>Home</h1></body></html>');
  for (const [day, slug] of [
    ['2026-01-01', 'a'],
    ['2026-01-02', 'b'],
    ['2026-01-03', 'c'],
    ['2026-01-04', 'd'],
    ['2026-01-05', 'e'],
  ] as const) {
    await writePage(`items/feed/${slug}/index.html`, articlePage(day, `Post ${slug}`, `tidepool ${slug} notes`));
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('indexSite', () => {
  it('indexes every article page into shards and lists them newest first', async () => {
    const summary = await indexSite(site, { cacheDir, shardPages: 2 });
    expect(summary).toMatchObject({ pages: 5, shards: 3, indexed: 3, outputPath: join(site, 'pagefind') });
    expect(JSON.parse(await readFile(join(site, 'pagefind', 'shards.json'), 'utf8')).shards).toEqual([
      { path: '2026-01-05/', pages: 1, first: '2026-01-05', last: '2026-01-05' },
      { path: '2026-01-03/', pages: 2, first: '2026-01-03', last: '2026-01-04' },
      { path: '2026-01-01/', pages: 2, first: '2026-01-01', last: '2026-01-02' },
    ]);
    const entry = JSON.parse(await readFile(join(site, 'pagefind', '2026-01-03', 'pagefind-entry.json'), 'utf8'));
    expect(entry.languages.en.page_count).toBe(2);
    expect((await cachedShards(cacheDir)).length).toBe(3);
  });

  it('re-indexes only the shard a new page joins, and drops the shard it replaced from the cache', async () => {
    const before = await cachedShards(cacheDir);
    await writePage('items/feed/f/index.html', articlePage('2026-01-06', 'Post f', 'tidepool f notes'));
    const summary = await indexSite(site, { cacheDir, shardPages: 2 });
    expect(summary).toMatchObject({ pages: 6, shards: 3, indexed: 1 });
    const after = await cachedShards(cacheDir);
    expect(after.length).toBe(3);
    expect(after.filter((name) => before.includes(name)).length).toBe(2);
    expect(JSON.parse(await readFile(join(site, 'pagefind', 'shards.json'), 'utf8')).shards[0]).toEqual({
      path: '2026-01-05/',
      pages: 2,
      first: '2026-01-05',
      last: '2026-01-06',
    });
  });

  it('reuses every shard when nothing changed', async () => {
    expect(await indexSite(site, { cacheDir, shardPages: 2 })).toMatchObject({ pages: 6, shards: 3, indexed: 0 });
  });

  it('re-indexes a shard when one of its pages changes', async () => {
    await writePage('items/feed/a/index.html', articlePage('2026-01-01', 'Post a', 'kelp a notes'));
    expect(await indexSite(site, { cacheDir, shardPages: 2 })).toMatchObject({ pages: 6, shards: 3, indexed: 1 });
  });

  it('writes the same bundle whether its shards are indexed one at a time or all at once', async () => {
    const bundle = async (jobs: number) => {
      const cache = join(dir, `cache-jobs-${jobs}`);
      const summary = await indexSite(site, { cacheDir: cache, shardPages: 1, jobs });
      return { summary, files: await bundleFiles(site) };
    };
    const one = await bundle(1);
    const all = await bundle(6);
    expect(one.summary).toMatchObject({ pages: 6, shards: 6, indexed: 6 });
    expect(all.summary).toMatchObject({ pages: 6, shards: 6, indexed: 6 });
    expect(all.files.map(([name]) => name)).toEqual(one.files.map(([name]) => name));
    expect(all.files).toEqual(one.files);
  });

  it('says so when the site has no article page', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    await writeFile(join(empty, 'index.html'), '<html><body>Hi</body></html>');
    const failure = await indexSite(empty, { cacheDir: join(dir, 'cache-empty') }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('Failed to build the search index with Pagefind.');
    expect(((failure as Error).cause as Error).message).toBe(
      `no article page (data-pagefind-body) was found under ${join(empty, 'items')}: build the site first.`,
    );
  });
});

describe('indexSite on a warm rebuild', () => {
  /** When the pages were written: long before any index of them, as Astro's cached copies are. */
  const PAST = new Date('2025-06-01T12:00:00.000Z');
  const DAYS = [
    ['2026-01-01', 'a'],
    ['2026-01-02', 'b'],
    ['2026-01-03', 'c'],
    ['2026-01-04', 'd'],
    ['2026-01-05', 'e'],
  ] as const;
  let warm = '';
  let warmCache = '';
  const files = () => [...DAYS.map(([, slug]) => `items/feed/${slug}/index.html`), 'items/feed/index.html'];
  const index = (cache = warmCache) => indexSite(warm, { cacheDir: cache, shardPages: 2 });
  const setMtime = (file: string, time: Date) => utimes(join(warm, file), time, time);

  beforeAll(async () => {
    warm = join(dir, 'warm');
    warmCache = join(dir, 'warm-cache');
    for (const [day, slug] of DAYS) {
      await writePageIn(
        warm,
        `items/feed/${slug}/index.html`,
        articlePage(day, `Post ${slug}`, `tidepool ${slug} notes`),
      );
    }
    // A page under items/ that Pagefind skips is remembered too.
    await writePageIn(
      warm,
      'items/feed/index.html',
      '<!DOCTYPE html><html lang="en"><body><h1>Feed</h1></body></html>',
    );
    for (const file of files()) await setMtime(file, PAST);
  });

  it('reads no page a second time when the site is unchanged, and writes the same bundle', async () => {
    expect(await index()).toMatchObject({ pages: 5, shards: 3, indexed: 3, read: 6 });
    const first = await bundleFiles(warm);
    expect(await index()).toMatchObject({ pages: 5, shards: 3, indexed: 0, read: 0 });
    expect(await bundleFiles(warm)).toEqual(first);
    expect(await readdir(warmCache)).toContain('pages.json');
    expect((await readdir(warm, { recursive: true })).filter((name) => name.endsWith('pages.json'))).toEqual([]);
  });

  it('reads only the pages whose mtime changed, re-indexes the changed one, and writes what a cold index writes', async () => {
    const later = new Date(PAST.getTime() + 60_000);
    await writePageIn(warm, 'items/feed/c/index.html', articlePage('2026-01-03', 'Post c', 'kelp forest c notes'));
    await setMtime('items/feed/c/index.html', later);
    // Touched but the same: read again, and its shard still comes from the cache.
    await setMtime('items/feed/e/index.html', later);
    expect(await index()).toMatchObject({ pages: 5, shards: 3, indexed: 1, read: 2 });
    const warmBundle = await bundleFiles(warm);
    expect(await index(join(dir, 'warm-cold-cache'))).toMatchObject({ pages: 5, shards: 3, indexed: 3, read: 6 });
    expect(await bundleFiles(warm)).toEqual(warmBundle);
  });

  it('reads a page whose size and mtime match its record when that mtime is not earlier than the manifest', async () => {
    const file = 'items/feed/b/index.html';
    // An mtime ahead of the clock stands for one in the very second the manifest is taken.
    const ahead = new Date((Math.floor(Date.now() / 1000) + 3600) * 1000);
    await writePageIn(warm, file, articlePage('2026-01-02', 'Post b', 'kelp b one'));
    await setMtime(file, ahead);
    expect(await index()).toMatchObject({ indexed: 1, read: 1 });
    const manifest = JSON.parse(await readFile(join(warmCache, 'pages.json'), 'utf8'));
    const { size } = await stat(join(warm, file));
    expect(manifest.pages[file]).toMatchObject({ size, mtime: ahead.getTime() / 1000 });
    expect(manifest.taken).toBeLessThanOrEqual(ahead.getTime() / 1000);

    await writePageIn(warm, file, articlePage('2026-01-02', 'Post b', 'kelp b two'));
    await setMtime(file, ahead);
    expect((await stat(join(warm, file))).size).toBe(size);
    expect(await index()).toMatchObject({ pages: 5, shards: 3, indexed: 1, read: 1 });
    const warmBundle = await bundleFiles(warm);
    await index(join(dir, 'warm-same-second-cold-cache'));
    expect(await bundleFiles(warm)).toEqual(warmBundle);

    await setMtime(file, PAST);
    expect(await index()).toMatchObject({ indexed: 0, read: 1 });
    expect(await index()).toMatchObject({ indexed: 0, read: 0 });
  });

  it('reads every page when the manifest is corrupt or not one, and trusts the one it writes then', async () => {
    for (const text of ['{"version": 1, "pages": {', '{"version": 2, "pages": []}\n', '']) {
      await writeFile(join(warmCache, 'pages.json'), text);
      expect(await index()).toMatchObject({ pages: 5, shards: 3, indexed: 0, read: 6 });
    }
    expect(await index()).toMatchObject({ pages: 5, shards: 3, indexed: 0, read: 0 });
  });
});
