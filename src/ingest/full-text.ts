/**
 * Full text for summary-only feeds: whether an entry needs its page, and the
 * article extracted from that page with Mozilla's Readability (the reader view
 * of Firefox) over linkedom's DOM. The article's HTML then goes through the
 * same sanitizer and converter as feed content. Pure.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToPlainText } from './_text.ts';

/** Per feed: fetch the page `always`, `never`, or when the feed's text looks like a summary (`auto`). */
export const FULL_TEXT_MODES = ['auto', 'always', 'never'] as const;
export type FullTextMode = (typeof FULL_TEXT_MODES)[number];

/** Fewer characters of text than this, and the feed's text is taken for a teaser. */
export const SUMMARY_MAX_CHARS = 700;
/** An extracted article shorter than this is not one (a landing page, a login wall). */
export const ARTICLE_MIN_CHARS = 250;

/** A teaser's ending: an ellipsis, "[…]", "Read more", "Continue reading". */
const TEASER_END =
  /(?:…|\.\.\.|\[(?:…|\.\.\.)\]|read more|continue reading|weiterlesen|lire la suite|leia mais|seguir leyendo)\W*$/i;

/** Whether an entry's own text is short enough, or cut off, to need its page. */
export function looksLikeSummary(contentHtml: string | undefined, summaryHtml: string | undefined): boolean {
  const text = htmlToPlainText(contentHtml || summaryHtml || '').trim();
  return text.length < SUMMARY_MAX_CHARS || TEASER_END.test(text);
}

/** Whether the snapshot fetches the entry's page, for a feed's mode. */
export function wantsFullText(
  mode: FullTextMode,
  entry: { link?: string | undefined; contentHtml?: string | undefined; summaryHtml?: string | undefined },
): boolean {
  if (mode === 'never' || !entry.link || !/^https?:\/\//i.test(entry.link)) return false;
  return mode === 'always' || looksLikeSummary(entry.contentHtml, entry.summaryHtml);
}

export type Extraction =
  | {
      ok: true;
      /** The article's HTML, as Readability gives it (to be sanitized like feed content). */
      html: string;
      /** The URL relative links in it resolve against: the page's `<base href>`, else the page's own URL. */
      baseUrl: string;
      /** Characters of text in it. */
      length: number;
    }
  | { ok: false; problem: string };

/** The article of a page's HTML, read at `pageUrl`; a page with no article says so. */
export function extractArticle(html: string, pageUrl: string): Extraction {
  let document: Document;
  try {
    ({ document } = parseHTML(html) as unknown as { document: Document });
  } catch (error) {
    return { ok: false, problem: `the page could not be parsed (${(error as Error).message.split('\n')[0]})` };
  }
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const baseUrl = baseHref && URL.canParse(baseHref, pageUrl) ? new URL(baseHref, pageUrl).href : pageUrl;
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document, { charThreshold: ARTICLE_MIN_CHARS }).parse();
  } catch (error) {
    return { ok: false, problem: `the article could not be extracted (${(error as Error).message.split('\n')[0]})` };
  }
  const length = article?.textContent?.trim().length ?? 0;
  if (!article?.content || length < ARTICLE_MIN_CHARS) {
    return { ok: false, problem: `the page holds no article (${length} characters of text found)` };
  }
  return { ok: true, html: article.content, baseUrl, length };
}

/** What the feed state keeps of an item's page (FeedStateSchema `pages`). */
export interface PageRecord {
  etag?: string | undefined;
  lastModified?: string | undefined;
  failures?: number | undefined;
  retryAfter?: string | undefined;
  lastError?: string | undefined;
}

/** How this run's attempt at an item's page ended. */
export type PageOutcome =
  | { kind: 'fetched'; etag?: string | undefined; lastModified?: string | undefined }
  | { kind: 'not-modified' }
  | { kind: 'failed'; reason: string };

/** Attempts after which a page is no longer tried (until the feed's entry changes). */
export const PAGE_MAX_ATTEMPTS = 8;
const HOUR_MS = 60 * 60 * 1000;
const MAX_BACKOFF_MS = 7 * 24 * HOUR_MS;

/** Whether a page whose fetch failed before may be tried again now. */
export function pageRetryDue(record: PageRecord | undefined, now: Date): boolean {
  if (!record?.failures) return true;
  if (record.failures >= PAGE_MAX_ATTEMPTS) return false;
  return record.retryAfter === undefined || Date.parse(record.retryAfter) <= now.getTime();
}

/** One hour after a first failure, four times longer after each next one, at most a week. */
export function pageBackoffMs(failures: number): number {
  return Math.min(HOUR_MS * 4 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}

/**
 * The feed state's pages after a run: this run's outcomes over the earlier
 * records, only for items still in the feed (`present`), keys sorted so the
 * state file's bytes depend on nothing else; undefined when empty.
 */
export function nextPages(
  previous: Readonly<Record<string, PageRecord>> | undefined,
  outcomes: ReadonlyMap<string, PageOutcome>,
  present: ReadonlySet<string>,
  now: Date,
): Record<string, PageRecord> | undefined {
  const next: Record<string, PageRecord> = {};
  for (const key of [...present].sort()) {
    const before = previous?.[key];
    const outcome = outcomes.get(key);
    let record: PageRecord | undefined = before;
    if (outcome?.kind === 'fetched') {
      record = {
        ...(outcome.etag ? { etag: outcome.etag } : {}),
        ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
      };
    } else if (outcome?.kind === 'failed') {
      const failures = (before?.failures ?? 0) + 1;
      record = {
        failures,
        retryAfter: new Date(now.getTime() + pageBackoffMs(failures)).toISOString(),
        lastError: outcome.reason,
      };
    }
    if (record && Object.keys(record).length > 0) next[key] = record;
  }
  return Object.keys(next).length > 0 ? next : undefined;
}
