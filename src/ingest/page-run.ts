/**
 * One feed's full-text work in a snapshot run: which entries get their page,
 * what each entry is converted from (its page's article, else the feed's
 * text), and how each attempt ended, for the feed state's retries. A page
 * that cannot be fetched never fails the item: a new or edited item keeps
 * the feed's text, an unchanged one is left as it is, and the page is tried
 * again on a later run (full-text.ts pageRetryDue).
 */
import { parseItemFile } from '#src/archive/frontmatter.ts';
import type { ArchivedItem } from './archive-fs.ts';
import type { PlannedEntry } from './dedupe.ts';
import { type FullTextMode, type PageOutcome, type PageRecord, pageRetryDue, wantsFullText } from './full-text.ts';
import { fetchPageText } from './page-text.ts';
import type { PoliteFetcher } from './polite-fetch.ts';
import { type ItemWarning, itemWarning } from './report.ts';
import type { FeedEntry } from './types.ts';

/** What an entry is converted from, and what its file keeps of the archived one. */
export interface Prepared {
  entry: FeedEntry;
  /** Frontmatter set by the archive: where the text came from. */
  fields: Record<string, unknown>;
  /** The archived body stands (the page did not change, or this is only a new hash form). */
  keepBody?: string;
  /** Leave the file as it is: a refetch whose page could not be had. */
  skip?: boolean;
}

/** Page failures a feed's report names; the rest are counted. */
const FAILURES_KEPT = 5;

export class PageRun {
  readonly outcomes = new Map<string, PageOutcome>();
  readonly failures: ItemWarning[] = [];
  failed = 0;
  readonly #mode: FullTextMode;
  readonly #fetcher: () => PoliteFetcher;
  readonly #pages: Readonly<Record<string, PageRecord>>;
  readonly #now: Date;

  constructor(
    mode: FullTextMode,
    fetcher: () => PoliteFetcher,
    pages: Readonly<Record<string, PageRecord>> | undefined,
    now: Date,
  ) {
    this.#mode = mode;
    this.#fetcher = fetcher;
    this.#pages = pages ?? {};
    this.#now = now;
  }

  /**
   * An unchanged item to write again for its page's text: its entry wants the
   * page, the archived body is the feed's, and a retry is due.
   */
  wantsRefetch(planned: PlannedEntry, archived: ArchivedItem | undefined): boolean {
    return (
      archived !== undefined &&
      archived.textSource !== 'page' &&
      wantsFullText(this.#mode, planned.entry) &&
      pageRetryDue(this.#pages[planned.key], this.#now)
    );
  }

  /** What to convert for a planned entry; `archived` is the text of the file it replaces, if any. */
  async prepare(planned: PlannedEntry, archived: string | undefined): Promise<Prepared> {
    const { entry } = planned;
    const kept = archived === undefined ? undefined : keptPageText(archived);
    if (planned.action === 'rehash') {
      return kept ? { entry, fields: kept.fields, keepBody: kept.body } : { entry, fields: {} };
    }
    if (!entry.link || !wantsFullText(this.#mode, entry)) return { entry, fields: {} };
    const record = this.#pages[planned.key];
    const validators = kept
      ? {
          ...(record?.etag ? { etag: record.etag } : {}),
          ...(record?.lastModified ? { lastModified: record.lastModified } : {}),
        }
      : {};
    const page = await fetchPageText(this.#fetcher(), entry.link, validators);
    if (page.kind === 'page') {
      this.outcomes.set(planned.key, { kind: 'fetched', etag: page.etag, lastModified: page.lastModified });
      return {
        entry: { ...entry, contentHtml: page.html, baseUrl: page.baseUrl },
        fields: { textSource: 'page', textFetched: this.#now.toISOString() },
      };
    }
    if (page.kind === 'not-modified' && kept) {
      this.outcomes.set(planned.key, { kind: 'not-modified' });
      return { entry, fields: kept.fields, keepBody: kept.body };
    }
    const reason = page.kind === 'failed' ? page.reason : `${entry.link} answered 304 with no text archived from it`;
    this.outcomes.set(planned.key, { kind: 'failed', reason });
    this.failed++;
    if (this.failures.length < FAILURES_KEPT) this.failures.push(itemWarning(entry, reason));
    return planned.action === 'refetch' ? { entry, fields: {}, skip: true } : { entry, fields: {} };
  }
}

/** The page text an archived file holds (`textSource: page`): its body and where it came from. */
function keptPageText(text: string): { body: string; fields: Record<string, unknown> } | undefined {
  let parsed: ReturnType<typeof parseItemFile>;
  try {
    parsed = parseItemFile(text);
  } catch {
    return undefined;
  }
  const frontmatter = parsed.frontmatter as Record<string, unknown> | undefined;
  if (frontmatter?.textSource !== 'page') return undefined;
  return {
    body: parsed.body,
    fields: {
      textSource: 'page',
      ...(frontmatter.textFetched === undefined ? {} : { textFetched: frontmatter.textFetched }),
    },
  };
}
