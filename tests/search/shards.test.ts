import { describe, expect, it } from 'vitest';
import {
  articleDocument,
  DEFAULT_SHARD_PAGES,
  planShards,
  type ShardPage,
  shardFingerprint,
  shardJobs,
  shardLimitFrom,
  shardManifest,
} from '#src/search/shards.ts';

const page = (file: string, day: string, digest = `d-${file}`): ShardPage => ({ file, day, digest });

describe('articleDocument', () => {
  const article =
    '<article class="article" data-pagefind-body><div hidden><span data-pagefind-sort="date[data-value]" data-value="2026-03-14T08:30:00.000Z"></span></div>' +
    '<h1 data-pagefind-weight="10">Title</h1><pre class="astro-code" tabindex="0"><code><span class="line"><span style="color:var(--astro-code-token-keyword)">const</span><span> x</span></span></code></pre>' +
    '<p>Text <span class="note">kept</span></p></article>';

  it('keeps the article, the language and the day, and drops the token spans of code blocks only', () => {
    const page = `<!DOCTYPE html><html lang="en-GB" dir="ltr"><head><title>T</title></head><body><header>Site</header><main>${article}<nav>Next</nav></main></body></html>`;
    expect(articleDocument(page)).toEqual({
      day: '2026-03-14',
      html:
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"></head><body>' +
        '<article class="article" data-pagefind-body><div hidden><span data-pagefind-sort="date[data-value]" data-value="2026-03-14T08:30:00.000Z"></span></div>' +
        '<h1 data-pagefind-weight="10">Title</h1><pre class="astro-code" tabindex="0"><code>const x</code></pre>' +
        '<p>Text <span class="note">kept</span></p></article></body></html>\n',
    });
  });

  it('returns nothing for a page Pagefind would skip, and an empty day without a date sort', () => {
    expect(articleDocument('<html lang="en"><body><main><article><h2>A list</h2></article></main></body></html>')).toBe(
      undefined,
    );
    expect(articleDocument('<html><body><article data-pagefind-body><p>x</p></article></body></html>')).toEqual({
      day: '',
      html: '<!doctype html><html><head><meta charset="utf-8"></head><body><article data-pagefind-body><p>x</p></article></body></html>\n',
    });
  });
});

describe('planShards', () => {
  it('groups consecutive days, oldest first, without splitting a day', () => {
    const pages = [
      page('items/c', '2026-01-03'),
      page('items/a', '2026-01-01'),
      page('items/b2', '2026-01-02'),
      page('items/b1', '2026-01-02'),
      page('items/d', '2026-01-04'),
    ];
    expect(planShards(pages, 2).map((shard) => [shard.key, shard.pages.map((p) => p.file)])).toEqual([
      ['2026-01-01', ['items/a']],
      ['2026-01-02', ['items/b1', 'items/b2']],
      ['2026-01-03', ['items/c', 'items/d']],
    ]);
  });

  it('lets one day exceed the limit, and names undated pages', () => {
    const pages = [page('items/x', ''), page('items/a', '2026-01-01'), page('items/b', '2026-01-01')];
    expect(planShards(pages, 1).map((shard) => [shard.key, shard.pages.length])).toEqual([
      ['undated', 1],
      ['2026-01-01', 2],
    ]);
  });

  it('changes only the newest shard when newer items arrive', () => {
    const old = Array.from({ length: 7 }, (_, i) => page(`items/${i}`, `2026-01-0${i + 1}`));
    const before = planShards(old, 3);
    const after = planShards([...old, page('items/new', '2026-01-09')], 3);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after.map((shard) => shard.pages.length)).toEqual([3, 3, 2]);
    expect(before.map((shard) => shard.pages.length)).toEqual([3, 3, 1]);
  });

  it('refuses a limit below one page', () => {
    expect(() => planShards([], 0)).toThrow('A search shard must hold at least 1 page, not 0.');
  });
});

describe('shardFingerprint and shardManifest', () => {
  const [shard] = planShards([page('items/a', '2026-01-01', 'aa'), page('items/b', '2026-01-02', 'bb')], 10);
  if (shard === undefined) throw new Error('no shard');

  it('changes with a page, its content or the Pagefind version, and only then', () => {
    const fingerprint = shardFingerprint(shard, '1.6.0');
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(shardFingerprint({ ...shard, key: 'renamed' }, '1.6.0')).toBe(fingerprint);
    expect(shardFingerprint(shard, '1.6.1')).not.toBe(fingerprint);
    const edited = { ...shard, pages: [page('items/a', '2026-01-01', 'aa'), page('items/b', '2026-01-02', 'bc')] };
    expect(shardFingerprint(edited, '1.6.0')).not.toBe(fingerprint);
    const more = { ...shard, pages: [...shard.pages, page('items/c', '2026-01-02', 'cc')] };
    expect(shardFingerprint(more, '1.6.0')).not.toBe(fingerprint);
  });

  it('lists shards newest first with their page counts and day ranges', () => {
    const shards = planShards([page('a', '2026-01-01'), page('b', '2026-01-05'), page('c', '2026-02-01')], 2);
    expect(shardManifest(shards)).toEqual({
      version: 1,
      shards: [
        { path: '2026-02-01/', pages: 1, first: '2026-02-01', last: '2026-02-01' },
        { path: '2026-01-01/', pages: 2, first: '2026-01-01', last: '2026-01-05' },
      ],
    });
  });
});

describe('shardLimitFrom', () => {
  it('reads FEEDSHELF_SEARCH_SHARD_PAGES, with a default and a clear error', () => {
    expect(shardLimitFrom(undefined)).toBe(DEFAULT_SHARD_PAGES);
    expect(shardLimitFrom('')).toBe(8000);
    expect(shardLimitFrom('250')).toBe(250);
    expect(() => shardLimitFrom('1.5')).toThrow(
      'FEEDSHELF_SEARCH_SHARD_PAGES must be a whole number of 1 or more, not "1.5". Unset it for the default of 8000.',
    );
  });
});

describe('shardJobs', () => {
  const GiB = 1024 ** 3;

  it('indexes one shard per core while half the memory holds them', () => {
    // 8,000 pages at 300 KiB: 2.3 GiB a shard; 24 GiB holds 5 of them in its half.
    expect(shardJobs(8000, 2, 24 * GiB)).toBe(2);
    expect(shardJobs(8000, 16, 24 * GiB)).toBe(5);
    expect(shardJobs(8000, 4, 4 * GiB)).toBe(1);
    expect(shardJobs(100, 8, 24 * GiB)).toBe(8);
  });

  it('never goes below one, whatever the memory', () => {
    expect(shardJobs(8000, 4, 1 * GiB)).toBe(1);
    expect(shardJobs(0, 3, 1 * GiB)).toBe(3);
  });

  it('takes FEEDSHELF_SEARCH_JOBS as it is, and refuses anything but a whole number of 1 or more', () => {
    expect(shardJobs(8000, 2, 4 * GiB, '6')).toBe(6);
    expect(shardJobs(8000, 2, 4 * GiB, '')).toBe(1);
    expect(() => shardJobs(10, 2, GiB, '0')).toThrow(
      'FEEDSHELF_SEARCH_JOBS must be a whole number of 1 or more, not "0". Unset it to index one shard per core.',
    );
    expect(() => shardJobs(10, 2, GiB, 'two')).toThrow('not "two"');
  });
});
