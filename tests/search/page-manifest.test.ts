/**
 * When a page's recorded day and digest stand in for reading it: the size and
 * mtime second match, and that second is strictly earlier than the one the
 * manifest was taken in; and which manifests are not used at all.
 */
import { describe, expect, it } from 'vitest';
import {
  type PageManifest,
  type PageRecord,
  pageManifest,
  pageRecord,
  parsePageManifest,
  recordedPages,
  reusableRecord,
} from '#src/search/page-manifest.ts';

const SITE = '/srv/site/dist';
const FORMAT = 'feedshelf-search-shard/1';
const DIGEST = 'a'.repeat(64);
const FILE = 'items/feed/a/index.html';
/** 2026-01-01T00:00:00Z, in whole seconds. */
const T = 1_767_225_600;

function manifest(taken: number, record: PageRecord): PageManifest {
  return { version: 1, format: FORMAT, site: SITE, taken, pages: { [FILE]: record } };
}

const record: PageRecord = { size: 120, mtime: T, day: '2026-01-01', digest: DIGEST };

describe('reusableRecord', () => {
  it('reuses a record whose size and mtime second match, when that second ended before the manifest was taken', () => {
    expect(reusableRecord(manifest(T + 1, record), FILE, { size: 120, mtimeMs: T * 1000 + 999.5 })).toEqual(record);
  });

  it('reads a page whose mtime second is the one the manifest was taken in, or later', () => {
    expect(reusableRecord(manifest(T, record), FILE, { size: 120, mtimeMs: T * 1000 })).toBeUndefined();
    expect(reusableRecord(manifest(T - 1, record), FILE, { size: 120, mtimeMs: T * 1000 })).toBeUndefined();
  });

  it('reads a page whose size or mtime second differs, or that has no record', () => {
    const taken = manifest(T + 10, record);
    expect(reusableRecord(taken, FILE, { size: 121, mtimeMs: T * 1000 })).toBeUndefined();
    expect(reusableRecord(taken, FILE, { size: 120, mtimeMs: (T + 1) * 1000 })).toBeUndefined();
    expect(reusableRecord(taken, FILE, { size: 120, mtimeMs: T * 1000 - 1 })).toBeUndefined();
    expect(reusableRecord(taken, 'items/feed/b/index.html', { size: 120, mtimeMs: T * 1000 })).toBeUndefined();
    expect(reusableRecord(taken, 'constructor', { size: 120, mtimeMs: T * 1000 })).toBeUndefined();
    expect(reusableRecord(undefined, FILE, { size: 120, mtimeMs: T * 1000 })).toBeUndefined();
  });
});

describe('parsePageManifest', () => {
  const written = manifest(T + 1, record);

  it('reads back the manifest it was written from', () => {
    expect(parsePageManifest(JSON.stringify(written), SITE, FORMAT)).toEqual(written);
  });

  it('uses no manifest that is not JSON, not one, or for another site or shard format', () => {
    for (const text of ['', '{"version": 1, "pages": {', 'null', '[]', '{"version": 2}']) {
      expect(parsePageManifest(text, SITE, FORMAT)).toBeUndefined();
    }
    const badDigest = { ...written, pages: { [FILE]: { ...record, digest: 'not a digest' } } };
    expect(parsePageManifest(JSON.stringify(badDigest), SITE, FORMAT)).toBeUndefined();
    const fractional = { ...written, pages: { [FILE]: { ...record, mtime: T + 0.5 } } };
    expect(parsePageManifest(JSON.stringify(fractional), SITE, FORMAT)).toBeUndefined();
    expect(parsePageManifest(JSON.stringify(written), '/srv/other/dist', FORMAT)).toBeUndefined();
    expect(parsePageManifest(JSON.stringify(written), SITE, 'feedshelf-search-shard/2')).toBeUndefined();
  });
});

describe('pageManifest', () => {
  it('records pages in file order, mtimes and the time taken in whole seconds, and skipped pages without a digest', () => {
    const records = new Map<string, PageRecord>([
      [
        'items/feed/b/index.html',
        pageRecord({ size: 80, mtimeMs: T * 1000 + 250 }, { day: '2026-01-02', digest: DIGEST }),
      ],
      ['items/feed/index.html', pageRecord({ size: 40, mtimeMs: T * 1000 + 999 }, undefined)],
    ]);
    const written = pageManifest(SITE, FORMAT, (T + 5) * 1000 + 999, records);
    expect(written).toEqual({
      version: 1,
      format: FORMAT,
      site: SITE,
      taken: T + 5,
      pages: {
        'items/feed/b/index.html': { size: 80, mtime: T, day: '2026-01-02', digest: DIGEST },
        'items/feed/index.html': { size: 40, mtime: T, day: '', digest: null },
      },
    });
    expect(Object.keys(written.pages)).toEqual(['items/feed/b/index.html', 'items/feed/index.html']);
    expect(recordedPages(records)).toEqual([{ file: 'items/feed/b/index.html', day: '2026-01-02', digest: DIGEST }]);
  });
});
