/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) to a ParsedFeed.
 * rss-parser does not read JSON, so the project parses it, validating with zod. Pure.
 */
import { z } from 'astro/zod';
import { httpUrl, nonEmpty, referenceBase, resolveUrl } from './_raw.ts';
import { escapeHtml, plainText } from './_text.ts';
import type { Alteration } from './alterations.ts';
import { authorNames } from './authors.ts';
import { FeedParseError } from './errors.ts';
import { languageTag } from './language.ts';
import { jsonItemHash } from './publisher-hash.ts';
import type { Enclosure, FeedEntry, ParsedFeed } from './types.ts';

const AuthorSchema = z.looseObject({ name: z.string().optional() });
const text = z.string().optional().catch(undefined);

const JsonFeedItemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional().catch(undefined),
  url: text,
  external_url: text,
  title: text,
  content_html: text,
  content_text: text,
  summary: text,
  image: text,
  banner_image: text,
  date_published: text,
  date_modified: text,
  author: AuthorSchema.optional().catch(undefined),
  authors: z.array(AuthorSchema).optional().catch(undefined),
  // JSON Feed says an array of strings; some feeds give one tag as a string.
  tags: z
    .union([z.array(z.unknown()), z.string().transform((tag) => [tag])])
    .optional()
    .catch(undefined),
  language: text,
  attachments: z
    .array(
      z.looseObject({
        url: text,
        mime_type: text,
        size_in_bytes: z.number().optional().catch(undefined),
        duration_in_seconds: z.number().optional().catch(undefined),
      }),
    )
    .optional()
    .catch(undefined),
});

/** The parts of a JSON Feed the archive uses; unknown keys pass through untouched. */
export const JsonFeedSchema = z.looseObject({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\/1(?:\.\d+)?\/?$/),
  title: text,
  home_page_url: text,
  author: AuthorSchema.optional().catch(undefined),
  authors: z.array(AuthorSchema).optional().catch(undefined),
  language: text,
  icon: text,
  favicon: text,
  items: z.array(z.unknown()),
});

/** Parse a JSON Feed document. Throws FeedParseError when it is not JSON or not a JSON Feed. */
export function parseJsonFeed(text: string, feedUrl: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new FeedParseError(
      'invalid-json',
      `The feed at ${feedUrl} starts like JSON but is not valid JSON: it may be truncated; try again later or tell the publisher.`,
      { url: feedUrl, cause },
    );
  }
  const feed = JsonFeedSchema.safeParse(json);
  if (!feed.success) {
    throw new FeedParseError(
      'not-json-feed',
      `The document at ${feedUrl} is JSON but not a JSON Feed (it needs "version": "https://jsonfeed.org/version/1.1" and an "items" array): check the URL.`,
      { url: feedUrl },
    );
  }
  const feedAuthors = jsonAuthors(feed.data.authors, feed.data.author, []);
  const feedLang = languageTag(feed.data.language);
  const siteUrl = httpUrl(resolveUrl(feed.data.home_page_url, referenceBase(feedUrl)));
  const base = referenceBase(feedUrl) ?? siteUrl;
  const entries: FeedEntry[] = [];
  for (const rawItem of feed.data.items) {
    const item = JsonFeedItemSchema.safeParse(rawItem);
    if (item.success) {
      entries.push({
        ...jsonEntry(item.data, base, { authors: feedAuthors, lang: feedLang }),
        publisherHash: jsonItemHash(rawItem),
      });
    }
  }
  const parsed: ParsedFeed = { format: 'json', entries };
  const title = nonEmpty(feed.data.title);
  if (title) parsed.title = plainText(title);
  if (siteUrl) parsed.siteUrl = siteUrl;
  const image = [feed.data.icon, feed.data.favicon]
    .map((value) => httpUrl(resolveUrl(value, base)))
    .find((url) => url !== undefined);
  if (image) parsed.image = image;
  return parsed;
}

type JsonFeedItem = z.output<typeof JsonFeedItemSchema>;
type JsonAuthor = z.output<typeof AuthorSchema>;

function jsonAuthors(
  authors: JsonAuthor[] | undefined,
  author: JsonAuthor | undefined,
  alterations: Alteration[],
): string[] {
  return authorNames(
    (authors ?? (author ? [author] : [])).map((entry) => entry.name),
    alterations,
  );
}

/** JSON Feed `attachments` as enclosures; the first playable one's `duration_in_seconds` is the running time. */
function addAttachments(entry: FeedEntry, attachments: NonNullable<JsonFeedItem['attachments']>, base?: string): void {
  const enclosures: Enclosure[] = [];
  for (const attachment of attachments) {
    const url = httpUrl(resolveUrl(attachment.url, base));
    if (!url || enclosures.some((file) => file.url === url)) continue;
    const file: Enclosure = { url };
    const type = nonEmpty(attachment.mime_type)?.toLowerCase();
    if (type && /^[\w.+-]+\/[\w.+-]+$/.test(type)) file.type = type;
    const size = attachment.size_in_bytes;
    if (size !== undefined && Number.isSafeInteger(size) && size > 0) file.length = size;
    enclosures.push(file);
    const seconds = attachment.duration_in_seconds;
    if (entry.duration === undefined && seconds !== undefined && seconds >= 1 && seconds < 1_000_000) {
      entry.duration = Math.round(seconds);
    }
  }
  if (enclosures.length > 0) entry.enclosures = enclosures;
}

function textToHtml(value: string): string {
  return value
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
}

function jsonEntry(
  item: JsonFeedItem,
  feedBase: string | undefined,
  feed: { authors: string[]; lang: string | undefined },
): FeedEntry {
  const link = resolveUrl(item.url ?? item.external_url, feedBase);
  const contentText = nonEmpty(item.content_text);
  const contentHtml = nonEmpty(item.content_html) ?? (contentText ? textToHtml(contentText) : undefined);
  const summary = nonEmpty(item.summary);
  const alterations: Alteration[] = [];
  const authors = jsonAuthors(item.authors, item.author, alterations);
  const entry: FeedEntry = {
    authors: authors.length > 0 ? authors : feed.authors,
    categories: [
      ...new Set(
        (item.tags ?? [])
          .filter((tag): tag is string => typeof tag === 'string')
          .map((tag) => plainText(tag))
          .filter(Boolean),
      ),
    ],
  };
  if (alterations.length > 0) entry.alterations = alterations;
  const lang = languageTag(item.language) ?? feed.lang;
  if (lang) entry.lang = lang;
  const baseUrl = link ?? feedBase;
  if (baseUrl) entry.baseUrl = baseUrl;
  const id = item.id === undefined ? undefined : nonEmpty(String(item.id));
  if (id) entry.guid = id;
  if (link) entry.link = link;
  const title = nonEmpty(item.title);
  if (title) entry.title = plainText(title);
  if (item.date_published) entry.published = item.date_published;
  if (item.date_modified) entry.updated = item.date_modified;
  if (contentHtml) entry.contentHtml = contentHtml;
  else if (summary) entry.contentHtml = textToHtml(summary);
  if (contentHtml && summary) entry.summaryHtml = escapeHtml(summary);
  const image = httpUrl(resolveUrl(item.image ?? item.banner_image, link ?? feedBase));
  if (image) entry.image = image;
  addAttachments(entry, item.attachments ?? [], link ?? feedBase);
  return entry;
}
