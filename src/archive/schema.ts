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
  published: z.coerce.date(),
  /** Set when the item's content changed after it was first archived. */
  updated: z.coerce.date().optional(),
  /** When the archive first saw the item. */
  firstSeen: z.coerce.date(),
  /** Present when `published` was substituted; says why. */
  dateFlag: DateFlagSchema.optional(),
  /** Plain-text summary, at most 300 characters. */
  summary: z.string().max(300).default(''),
  /** Hash of the item's raw content, to recognise unchanged items cheaply. */
  hash: z.string().min(1),
  /** Lead image URL. */
  image: z.url({ protocol: /^https?$/ }).optional(),
});
export type Item = z.output<typeof ItemSchema>;
export type ItemInput = z.input<typeof ItemSchema>;

/** Per-feed fetch state, one JSON file per feed under content/state/. */
export const FeedStateSchema = z.object({
  /** Feed id. */
  id: FeedIdSchema,
  /** The URL or path the feed is fetched from (after permanent redirects). */
  url: z.string().min(1),
  /** Feed title as the feed gives it (or the configured title). */
  title: z.string().optional(),
  /** The feed's own website link. */
  siteUrl: z.string().optional(),
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
  lastError: z.string().optional(),
});
export type FeedState = z.output<typeof FeedStateSchema>;
