/**
 * Full text for summary-only feeds: whether an entry needs its page, and the
 * article extracted from that page with Mozilla's Readability (the reader view
 * of Firefox) over linkedom's DOM. The article's HTML then goes through the
 * same sanitizer and converter as feed content. Pure.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
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

/** Page furniture no article holds: navigation, landmarks around the content, forms, hidden parts. */
const FURNITURE = [
  'nav',
  'aside',
  'form',
  'dialog',
  'template',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="dialog"]',
  '[role="search"]',
].join(',');

/** A container of readers' comments or of a post's notes (reblogs, likes), by its id or class. */
const RESPONSES =
  /(?:^|[\s_-])(?:comments?(?:-list|-area|s-area|-section)?|respond|replies|disqus(?:_thread)?|discussion|post-notes|notes|webmentions?)(?:$|[\s_-])/i;
const RESPONSE_CONTAINERS = 'section, div, ol, ul, footer, aside';

/** Attributes lazy-loading scripts keep an image's address in. */
const LAZY_SOURCES = ['data-src', 'data-lazy-src', 'data-original', 'data-orig-src', 'data-url'];

function textLength(element: Element): number {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/**
 * Readability scores the whole page and keeps what looks like prose, but it
 * keeps a line of site links beside the article, drops an article wrapped in
 * a block whose class says "sidebar", takes a heading whose class says
 * "header" for page furniture and brings comments back when its first pass
 * finds too little. So first: furniture, comments and notes out; headings
 * without classes; a paragraph that is nothing but links out; and when the
 * page marks its article (one outermost `<article>`, else `<main>`), only it.
 */
function prepare(document: Document): void {
  for (const element of [...document.querySelectorAll(FURNITURE)]) element.remove();
  for (const element of [...document.querySelectorAll(RESPONSE_CONTAINERS)]) {
    if (element.closest('pre, code')) continue;
    const names = `${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''}`;
    if (RESPONSES.test(names)) element.remove();
  }
  for (const heading of [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]) heading.removeAttribute('class');
  // Permalink anchors beside headings: empty links to a fragment, which make a heading look like a link list.
  for (const anchor of [...document.querySelectorAll('a[href^="#"]')]) {
    if (textLength(anchor) === 0 && !anchor.querySelector('img')) anchor.remove();
  }
  // Lazy images: the real address in data-src (and data-srcset), a placeholder or nothing in src.
  for (const image of [...document.querySelectorAll('img')]) {
    const lazy = LAZY_SOURCES.map((name) => image.getAttribute(name)).find((value) => value?.trim());
    const src = image.getAttribute('src') ?? '';
    if (lazy && (src === '' || src.startsWith('data:') || /placeholder|blank|spacer|lazy/i.test(src))) {
      image.setAttribute('src', lazy.trim());
      const srcset = image.getAttribute('data-srcset');
      if (srcset) image.setAttribute('srcset', srcset);
    }
  }
  // Their copies for browsers without script.
  for (const fallback of [...document.querySelectorAll('noscript')]) fallback.remove();
  for (const paragraph of [...document.querySelectorAll('p')]) {
    const links = [...paragraph.querySelectorAll('a')];
    const total = textLength(paragraph);
    const linked = links.reduce((sum, link) => sum + textLength(link), 0);
    if (links.length >= 3 && total < 200 && linked >= total * 0.6) paragraph.remove();
  }
  const articles = [...document.querySelectorAll('article')].filter(
    (article) => !article.parentElement?.closest('article') && textLength(article) >= ARTICLE_MIN_CHARS,
  );
  const mains = [...document.querySelectorAll('main, [role="main"]')];
  const root = articles.length === 1 ? articles[0] : mains.length === 1 ? mains[0] : undefined;
  const body = document.body;
  if (root && body && root !== body) body.replaceChildren(root);
}

interface LeadImage {
  src: string;
  alt: string;
  caption: string;
}

/**
 * The page's lead image, as it declares it for sharing (`og:image`), with the
 * alt text and caption of the image in the page that shows it, if any.
 * Readability often drops the lead figure, which sits between the headline
 * and the body; the page still names it.
 */
function leadImage(document: Document): LeadImage | undefined {
  const src = document
    .querySelector('meta[property="og:image"], meta[name="og:image"]')
    ?.getAttribute('content')
    ?.trim();
  if (!src) return undefined;
  const shown = [...document.querySelectorAll('img')].find((image) => image.getAttribute('src') === src);
  const caption = shown?.closest('figure')?.querySelector('figcaption')?.textContent?.trim() ?? '';
  return { src, alt: shown?.getAttribute('alt') ?? '', caption };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The article with the lead image before it, when the article does not show that image already. */
function withLeadImage(html: string, lead: LeadImage | undefined, baseUrl: string): string {
  if (!lead || !URL.canParse(lead.src, baseUrl)) return html;
  const absolute = new URL(lead.src, baseUrl).href;
  const sources = [...html.matchAll(/<img\b[^>]*?\ssrc\s*=\s*["']([^"']*)["']/gi)].map((match) => match[1] ?? '');
  if (sources.some((src) => URL.canParse(src, baseUrl) && new URL(src, baseUrl).href === absolute)) return html;
  // Only an image the page itself shows: a sharing card made for social sites is not the article's.
  if (!lead.alt && !lead.caption) return html;
  const caption = lead.caption ? `<figcaption>${escapeHtml(lead.caption)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(lead.src)}" alt="${escapeHtml(lead.alt)}">${caption}</figure>${html}`;
}

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
  let lead: LeadImage | undefined;
  try {
    prepare(document);
    if (!isProbablyReaderable(document)) {
      return { ok: false, problem: 'the page holds no article (too little prose for a reader view)' };
    }
    lead = leadImage(document);
    article = new Readability(document, { charThreshold: ARTICLE_MIN_CHARS }).parse();
  } catch (error) {
    return { ok: false, problem: `the article could not be extracted (${(error as Error).message.split('\n')[0]})` };
  }
  const length = article?.textContent?.trim().length ?? 0;
  if (!article?.content || length < ARTICLE_MIN_CHARS) {
    return { ok: false, problem: `the page holds no article (${length} characters of text found)` };
  }
  return { ok: true, html: withLeadImage(article.content, lead, baseUrl), baseUrl, length };
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
