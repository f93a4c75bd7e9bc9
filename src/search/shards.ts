/**
 * How the search index is split into shards, and what of a page each shard
 * indexes. Pagefind holds a whole index in memory while it builds it (about
 * 300 kB per article page here) and has no incremental mode, so one index over
 * a large archive needs tens of gigabytes and is rebuilt in full for every new
 * item. Instead, article pages are grouped by publication day into shards of
 * at most `limit` pages, oldest first; each shard is its own Pagefind index,
 * built in its own process, and rebuilt only when one of its pages changed.
 * New items land in the newest shard, so a scheduled rebuild re-indexes that
 * one. The search page merges the shards (src/search/browser.ts).
 */
import { createHash } from 'node:crypto';

/** Pages per shard unless FEEDSHELF_SEARCH_SHARD_PAGES says otherwise: about 2.5 GB for Pagefind. */
export const DEFAULT_SHARD_PAGES = 8000;

/**
 * Bumped when the indexed document or the shard layout changes, so every cached shard is rebuilt
 * (and every page's recorded day and digest, ./page-manifest.ts, is dropped).
 */
export const SHARD_FORMAT = 'feedshelf-search-shard/1';

/** The search bundle's list of shards, newest first: `<base>pagefind/shards.json`. */
export interface ShardManifest {
  version: 1;
  shards: { path: string; pages: number; first: string; last: string }[];
}

export interface ArticleDocument {
  /** Publication day (YYYY-MM-DD) from the page's date sort key; '' when it has none. */
  day: string;
  /** A minimal HTML document holding just what Pagefind indexes of the page. */
  html: string;
}

export interface ShardPage {
  /** The page's file, relative to the site folder (`items/a/b/index.html`). */
  file: string;
  day: string;
  /** SHA-256 of the page's ArticleDocument html. */
  digest: string;
}

export interface Shard {
  /** The shard's folder under pagefind/: its first publication day, `undated` for pages without one. */
  key: string;
  pages: ShardPage[];
}

const BODY_OPEN = /<article\b[^>]*\bdata-pagefind-body\b[^>]*>/;
const BODY_CLOSE = '</article>';
const LANG = /<html\b[^>]*?\slang="([^"]*)"/;
const SORT_DATE = /data-pagefind-sort="date\[data-value\]" data-value="([^"]*)"/;
const PRE = /<pre\b[^>]*>[\s\S]*?<\/pre>/g;
const SPAN_TAG = /<\/?span\b[^>]*>/g;

/**
 * What Pagefind needs of an article page: its `<article data-pagefind-body>`
 * (text, headings, filters, sort and metadata all live inside it) in a bare
 * document with the page's language. Shiki's one-span-per-token markup is
 * removed from code blocks: the text is the same, and Pagefind no longer walks
 * tens of thousands of elements per page. Undefined for pages Pagefind would
 * skip (no data-pagefind-body).
 */
export function articleDocument(page: string): ArticleDocument | undefined {
  const open = BODY_OPEN.exec(page);
  if (open === null) return undefined;
  const end = page.lastIndexOf(BODY_CLOSE);
  if (end < open.index) return undefined;
  const article = page.slice(open.index, end + BODY_CLOSE.length).replace(PRE, (pre) => pre.replace(SPAN_TAG, ''));
  const lang = LANG.exec(page)?.[1];
  const day = SORT_DATE.exec(article)?.[1]?.slice(0, 10) ?? '';
  const html = `<!doctype html><html${lang === undefined ? '' : ` lang="${lang}"`}><head><meta charset="utf-8"></head><body>${article}</body></html>\n`;
  return { day, html };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Groups pages by publication day, oldest first, into shards of at most
 * `limit` pages; a day is never split, so a shard holds more only when one day
 * alone does. Within a shard, pages are in file order. Adding items to the
 * newest days changes only the last shard (or starts a new one).
 */
export function planShards(pages: readonly ShardPage[], limit: number): Shard[] {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`A search shard must hold at least 1 page, not ${limit}.`);
  const byDay = new Map<string, ShardPage[]>();
  for (const page of pages) {
    const day = byDay.get(page.day);
    if (day) day.push(page);
    else byDay.set(page.day, [page]);
  }
  const shards: Shard[] = [];
  let current: ShardPage[] = [];
  const flush = () => {
    if (current.length === 0) return;
    current.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    shards.push({ key: current[0]?.day || 'undated', pages: current });
    current = [];
  };
  for (const day of [...byDay.keys()].sort()) {
    const dayPages = byDay.get(day) ?? [];
    if (current.length > 0 && current.length + dayPages.length > limit) flush();
    current.push(...dayPages);
  }
  flush();
  return shards;
}

/** Names a shard's index by everything it is built from: Pagefind's version, this format, its pages. */
export function shardFingerprint(shard: Shard, pagefindVersion: string): string {
  const hash = createHash('sha256').update(`${SHARD_FORMAT}\0${pagefindVersion}\0`);
  for (const page of shard.pages) hash.update(`${page.file}\0${page.digest}\n`);
  return hash.digest('hex').slice(0, 32);
}

/** The manifest the search page reads: shards newest first, each with its page count and day range. */
export function shardManifest(shards: readonly Shard[]): ShardManifest {
  return {
    version: 1,
    shards: shards
      .map((shard) => {
        const days = shard.pages.map((page) => page.day).sort();
        return { path: `${shard.key}/`, pages: shard.pages.length, first: days[0] ?? '', last: days.at(-1) ?? '' };
      })
      .reverse(),
  };
}

/** Reads FEEDSHELF_SEARCH_SHARD_PAGES; a clear error for anything but a whole number of 1 or more. */
export function shardLimitFrom(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_SHARD_PAGES;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(
      `FEEDSHELF_SEARCH_SHARD_PAGES must be a whole number of 1 or more, not "${value}". Unset it for the default of ${DEFAULT_SHARD_PAGES}.`,
    );
  }
  return limit;
}

/** Pagefind holds about this much memory per page while it indexes a shard (measured at 20,000 pages). */
export const PAGE_INDEX_BYTES = 300 * 1024;

/**
 * How many shards are indexed at once: one per core, as many as half the
 * machine's memory holds at the largest shard's size, at least one;
 * FEEDSHELF_SEARCH_JOBS, a whole number, sets it instead.
 */
export function shardJobs(largestShard: number, cores: number, memoryBytes: number, jobs?: string): number {
  if (jobs !== undefined && jobs !== '') {
    const value = Number(jobs);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `FEEDSHELF_SEARCH_JOBS must be a whole number of 1 or more, not "${jobs}". Unset it to index one shard per core.`,
      );
    }
    return value;
  }
  const byMemory = Math.floor(memoryBytes / 2 / Math.max(1, largestShard * PAGE_INDEX_BYTES));
  return Math.max(1, Math.min(cores, byMemory));
}
