/**
 * The sharded search index over a small hand-written site: Pagefind's CLI
 * really runs, once per shard that changed.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

async function writePage(file: string, html: string): Promise<void> {
  await mkdir(join(site, file, '..'), { recursive: true });
  await writeFile(join(site, file), html);
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
    expect((await readdir(cacheDir)).length).toBe(3);
  });

  it('re-indexes only the shard a new page joins, and drops the shard it replaced from the cache', async () => {
    const before = (await readdir(cacheDir)).sort();
    await writePage('items/feed/f/index.html', articlePage('2026-01-06', 'Post f', 'tidepool f notes'));
    const summary = await indexSite(site, { cacheDir, shardPages: 2 });
    expect(summary).toMatchObject({ pages: 6, shards: 3, indexed: 1 });
    const after = (await readdir(cacheDir)).sort();
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
      const root = join(site, 'pagefind');
      const names = (await readdir(root, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
        .sort();
      const files = await Promise.all(names.map(async (name) => [name, await readFile(join(root, name))] as const));
      return { summary, files };
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
