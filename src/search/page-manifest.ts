/**
 * What the search index remembers of each article page between builds, so a
 * warm rebuild reads only the pages Astro wrote again. Astro's incremental
 * build restores an unchanged page by copying its cached copy and giving the
 * copy the cached file's mtime, and writes a page it renders afresh (a new
 * mtime). So a page whose size and mtime match its record still holds what
 * was read then, and its recorded day and digest stand in for reading and
 * hashing it. Mtimes are compared in whole seconds (a cache restored by tar
 * may keep no more), so a page whose mtime falls in or after the second the
 * manifest was taken in may have been rewritten, after it was read, within
 * that same second: it is read again. The index keeps the manifest in its
 * cache folder (./index-fs.ts); this module only decides.
 */
import { z } from 'astro/zod';
import type { ShardPage } from './shards.ts';

/** The manifest's file in the search cache folder, next to the cached shards. */
export const PAGE_MANIFEST_FILE = 'pages.json';

const RecordSchema = z.object({
  size: z.number().int().nonnegative(),
  mtime: z.number().int(),
  day: z.string(),
  /** SHA-256 of the page's ArticleDocument html; null for a page Pagefind skips (no data-pagefind-body). */
  digest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});

const ManifestSchema = z.object({
  version: z.literal(1),
  /** The shard format (SHARD_FORMAT) the digests were taken under. */
  format: z.string(),
  /** The site folder the pages are in, resolved. */
  site: z.string(),
  /** The whole second (Unix time) in which the pages were looked at, before the first of them. */
  taken: z.number().int(),
  pages: z.record(z.string(), RecordSchema),
});

export type PageRecord = z.infer<typeof RecordSchema>;
export type PageManifest = z.infer<typeof ManifestSchema>;

/** What `stat` says of a page file, as far as the manifest needs it. */
export interface PageStat {
  size: number;
  mtimeMs: number;
}

export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * The manifest in `text`, if it is one for `site` taken under `format`; undefined for
 * anything else (not JSON, another shape, another site or format), which means every page is read.
 */
export function parsePageManifest(text: string, site: string, format: string): PageManifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success || parsed.data.site !== site || parsed.data.format !== format) return undefined;
  return parsed.data;
}

/**
 * The recorded day and digest of `file`, when they still hold: its size and mtime second are
 * the recorded ones, and that second is strictly earlier than the one the manifest was taken in.
 */
export function reusableRecord(
  manifest: PageManifest | undefined,
  file: string,
  stat: PageStat,
): PageRecord | undefined {
  if (manifest === undefined || !Object.hasOwn(manifest.pages, file)) return undefined;
  const record = manifest.pages[file];
  const mtime = wholeSeconds(stat.mtimeMs);
  if (record === undefined || record.size !== stat.size || record.mtime !== mtime) return undefined;
  return mtime < manifest.taken ? record : undefined;
}

/** The record of a page just read: its stat (taken before the read) and what it indexes, if anything. */
export function pageRecord(stat: PageStat, page: Pick<ShardPage, 'day' | 'digest'> | undefined): PageRecord {
  return {
    size: stat.size,
    mtime: wholeSeconds(stat.mtimeMs),
    day: page?.day ?? '',
    digest: page?.digest ?? null,
  };
}

/** The manifest of a scan that started at `takenMs`: pages in file order, so equal scans write equal files. */
export function pageManifest(
  site: string,
  format: string,
  takenMs: number,
  records: ReadonlyMap<string, PageRecord>,
): PageManifest {
  const files = [...records.keys()].sort();
  return {
    version: 1,
    format,
    site,
    taken: wholeSeconds(takenMs),
    pages: Object.fromEntries(files.map((file) => [file, records.get(file) as PageRecord])),
  };
}

/** The index's pages from the records: those Pagefind indexes, with their day and digest. */
export function recordedPages(records: ReadonlyMap<string, PageRecord>): ShardPage[] {
  const pages: ShardPage[] = [];
  for (const [file, record] of records) {
    if (record.digest !== null) pages.push({ file, day: record.day, digest: record.digest });
  }
  return pages;
}
