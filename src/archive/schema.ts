/**
 * The archive's data model: the single source of truth shared by the snapshot
 * writer (which validates every item before writing it) and the Astro content
 * collections (which read the archive back).
 */
import { z } from 'astro/zod';

/** Feed ids: lower-case ASCII slugs, safe as a folder name and a URL segment. */
export const FeedIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'a lower-case slug of a-z, 0-9 and "-" (at most 64 characters)');

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** ISO 8601 as the archive writes it, or a YAML 1.1 timestamp: `2026-03-02`, `2026-03-02 08:15:00`. */
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[ \t]*(?:Z|([-+])(\d{1,2})(?::?(\d{2}))?))?)?$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Milliseconds of a timestamp whose every field is in range, else NaN; no zone means UTC, as in YAML. */
function timestampTime(match: RegExpExecArray): number {
  const field = (group: number): number => Number(match[group] ?? 0);
  const [year, month, day, hour, minute, second] = [field(1), field(2), field(3), field(4), field(5), field(6)];
  const [zoneHours, zoneMinutes] = [field(9), field(10)];
  const inRange =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    zoneHours <= 23 &&
    zoneMinutes <= 59;
  if (!inRange) return Number.NaN;
  const milliseconds = Math.round(Number(`0.${match[7] ?? '0'}`) * 1000);
  const offset = (match[8] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  return Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offset * 60_000;
}

/** The Date a frontmatter value stands for; undefined for an impossible one (`2026-02-30`, `yesterday`). */
export function archiveDate(value: unknown): Date | undefined {
  let time: number;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'number') time = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    const match = TIMESTAMP.exec(text);
    // Other forms (RFC 2822 and the like) are left to Date; a calendar date it would roll over never is.
    time = match ? timestampTime(match) : /^\d{4}-\d{1,2}-\d{1,2}/.test(text) ? Number.NaN : Date.parse(text);
  } else return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A date in the frontmatter: a Date, an ISO 8601 string or a YAML timestamp; an impossible date is refused. */
export const ArchiveDateSchema = z
  .union([z.date(), z.string(), z.number()], { error: 'Invalid date' })
  .transform((value, ctx) => {
    const date = archiveDate(value);
    if (date) return date;
    ctx.issues.push({ code: 'custom', message: 'Invalid date', input: value });
    return z.NEVER;
  });

/** Why `published` is not the date the feed gave. */
export const DateFlagSchema = z.enum(['missing', 'invalid', 'future']);

/** One archived feed item: the YAML frontmatter of a Markdown file under content/items/. */
export const ItemSchema = z.object({
  /** Display title, plain text. */
  title: z.string().min(1),
  /** The stable identity key (normalised guid, else link, else a content hash). */
  id: z.string().min(1),
  /** Link to the original article. */
  link: z.url({ protocol: /^https?$/ }).optional(),
  /** The id of the feed this item came from. */
  source: FeedIdSchema,
  /** Author display names. */
  authors: z.array(z.string().min(1)).default([]),
  /** Tag display names (feed categories plus the feed's configured tags). */
  tags: z.array(z.string().min(1)).default([]),
  /** Publication date; firstSeen when the feed gave none or an unusable one. */
  published: ArchiveDateSchema,
  /** Set when the item's content changed after it was first archived: when the archive saw the change. */
  updated: ArchiveDateSchema.optional(),
  /**
   * The item's earlier versions, oldest first: for each, when the archive first saw it (its
   * `updated`, else its `firstSeen`). The n-th (from 1) is kept, as it was archived, in
   * `<revisions>/<source>/<file stem>/<n>.md` (src/archive/paths.ts); the current version is the
   * item itself.
   */
  revisions: z.array(ArchiveDateSchema).optional(),
  /**
   * When the publisher was seen to have withdrawn the item: it had left its feed, and its link
   * answered 404 Not Found or 410 Gone. The item stays in the archive.
   */
  retracted: ArchiveDateSchema.optional(),
  /** How the link answered when the item was found retracted. */
  retractedStatus: z.union([z.literal(404), z.literal(410)]).optional(),
  /**
   * Where the body came from: the feed (the default, left out), or the article extracted from the
   * item's page (`page`, for a feed with `fullText`), sanitized and converted like feed content.
   */
  textSource: z.enum(['feed', 'page']).optional(),
  /** When the page the body came from was fetched. */
  textFetched: ArchiveDateSchema.optional(),
  /** When the archive first saw the item. */
  firstSeen: ArchiveDateSchema,
  /** Present when `published` was substituted; says why. */
  dateFlag: DateFlagSchema.optional(),
  /** Plain-text summary, at most 300 characters. */
  summary: z.string().max(300).default(''),
  /**
   * Hash of the item as the feed gave it, to recognise unchanged items before any conversion, in
   * a form named by its prefix: `pub1:<32 hex>`, the item's element (or JSON Feed item) as the
   * publisher wrote it, in the normal form src/ingest/publisher-hash.ts defines, the same on any
   * machine and in any version of feedshelf; `sha256:<32 hex>`, the legacy form of older archives,
   * over the parsed entry (src/ingest/legacy-hash.ts), kept as long as it still matches.
   */
  hash: z.string().min(1),
  /** Lead image URL. */
  image: z.url({ protocol: /^https?$/ }).optional(),
  /** Files the item carries (a podcast's audio, a video, a document), in the feed's order. */
  enclosures: z
    .array(
      z.object({
        url: z.url({ protocol: /^https?$/ }),
        /** Media type as the feed gives it (`audio/mpeg`). */
        type: z.string().min(1).optional(),
        /** Size in bytes. */
        length: z.number().int().positive().optional(),
      }),
    )
    .optional(),
  /** Running time in seconds of the episode or video; the site shows it instead of a reading time. */
  duration: z.number().int().positive().optional(),
  /**
   * The item's language as its feed gives it (its own, else the feed's), a canonical BCP 47 tag
   * (`pt-BR`); the article page is marked with it when it differs from the site's language.
   */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 language tag such as "en" or "pt-BR"')
    .optional(),
});
export type Item = z.output<typeof ItemSchema>;
export type ItemInput = z.input<typeof ItemSchema>;

/** Per-feed fetch state, one JSON file per feed under content/state/. */
export const FeedStateSchema = z.object({
  /** Feed id. */
  id: FeedIdSchema,
  /**
   * The http(s) URL the feed is fetched from. Absent for a feed read from a local file: its path
   * belongs to the machine that ran the snapshot and is never written to the archive.
   */
  url: z.string().min(1).optional(),
  /** Feed title as the feed gives it (or the configured title). */
  title: z.string().optional(),
  /** The feed's own website link. */
  siteUrl: z.string().optional(),
  /** The feed's own image (logo or icon), as the feed gives it; the archive's copy is in its media map. */
  image: z.url({ protocol: /^https?$/ }).optional(),
  /** HTTP validators for conditional GET. */
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Target of a 301/308 redirect, used instead of the configured URL. */
  redirectedTo: z.string().optional(),
  /** Set when the server answered 410 Gone: later runs skip the feed. */
  gone: z.boolean().default(false),
  /** Consecutive failed runs; drives the backoff. */
  failures: z.number().int().nonnegative().default(0),
  /** Earliest time the next attempt may be made (Retry-After or backoff). */
  retryAfter: z.string().optional(),
  lastSuccess: z.string().optional(),
  lastAttempt: z.string().optional(),
  /** When the current run of failures began (the first failed attempt since the last success). */
  failingSince: z.string().optional(),
  lastError: z.string().optional(),
  /**
   * The keys of the entries the feed held at its last successful fetch, sorted: an item that then
   * leaves the feed has its link checked once, to tell a retraction from the feed's window moving on.
   */
  present: z.array(z.string()).optional(),
  /**
   * Pages fetched for full text, by item key, for entries still in the feed: the validators of a
   * page fetched (for a conditional GET), or the failures of one that could not be (retried with backoff).
   */
  pages: z
    .record(
      z.string(),
      z.object({
        etag: z.string().optional(),
        lastModified: z.string().optional(),
        /** Consecutive failed attempts. */
        failures: z.number().int().nonnegative().optional(),
        /** Earliest next attempt after a failure. */
        retryAfter: z.string().optional(),
        /** Why the last attempt failed. */
        lastError: z.string().optional(),
      }),
    )
    .optional(),
});
export type FeedState = z.output<typeof FeedStateSchema>;
