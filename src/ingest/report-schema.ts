/**
 * The snapshot report's JSON (`npm run snapshot -- --json`): the contract
 * between the snapshot and whatever reads its outcome, the CI job summary and
 * commit message above all. Key order here is the key order of the JSON.
 */
import { z } from 'astro/zod';
import { ALTERATION_KINDS } from './alterations.ts';

const count = z.number().int().nonnegative();

/** Item counts of one feed, or of the whole run. */
export const ItemCountsSchema = z.object({
  /** Items archived for the first time. */
  new: count,
  /** Archived items whose content changed and were rewritten. */
  updated: count,
  /** Items already archived with the same content. */
  unchanged: count,
  /** Entries left out: filters, repeats within the feed, entries that failed conversion or validation. */
  skipped: count,
  /**
   * Archived items rewritten in the current hash form without being marked updated, absent when
   * none: their stored hash was of an earlier form and no longer matched, which cannot tell an edit
   * by the publisher from a change in how feedshelf reads the feed. Not counted in `updated`.
   */
  rehashed: count.optional(),
  /** Items whose text was taken from their page (full text), absent when none. */
  pages: count.optional(),
  /** Pages that could not be fetched or held no article: the items keep the feed's text, retried later. */
  pagesFailed: count.optional(),
  /** Archived items found retracted this run (gone from the feed, their link answering 404 or 410). */
  retracted: count.optional(),
});
export type ItemCounts = z.output<typeof ItemCountsSchema>;

/** An entry that was left out because it could not be archived. */
export const ItemWarningSchema = z.object({
  /** The entry's link as the feed gave it, when it has one. */
  link: z.string().optional(),
  /** The entry's title, when it has one. */
  title: z.string().optional(),
  /** One line: why the entry was left out. */
  reason: z.string(),
});
export type ItemWarning = z.output<typeof ItemWarningSchema>;

/** An item as a dry run names it: its title and link, whichever it has. */
export const ItemSubjectSchema = z.object({
  link: z.string().optional(),
  title: z.string().optional(),
});
export type ItemSubject = z.output<typeof ItemSubjectSchema>;

/** Items listed per kind in a dry run's preview; `counts` says how many there are in all. */
export const PREVIEW_ITEMS = 10;

/** What a dry run would archive of a feed: its first new and changed items, in feed order. */
export const FeedPreviewSchema = z.object({
  new: z.array(ItemSubjectSchema),
  updated: z.array(ItemSubjectSchema),
});
export type FeedPreview = z.output<typeof FeedPreviewSchema>;

/** One alteration: its class and what was altered. */
export const AlterationSchema = z.object({
  kind: z.enum(ALTERATION_KINDS),
  detail: z.string(),
});

/** An archived item that was altered for safety or format. */
export const AlteredItemSchema = z.object({
  link: z.string().optional(),
  title: z.string().optional(),
  /** Alterations of the item in all. */
  total: count,
  /** Its first alterations, in document order. */
  first: z.array(AlterationSchema),
});

/** What the snapshot removed or rewrote of a feed's content, for safety or format: never silent. */
export const FeedAlterationsSchema = z.object({
  /** Alterations in all, of the items written this run and of the feed itself. */
  total: count,
  /** Items written this run with at least one alteration. */
  items: count,
  /** Alterations by class. */
  byKind: z.partialRecord(z.enum(ALTERATION_KINDS), count),
  /** Alterations of the feed as a whole (its encoding guessed). */
  feed: z.array(AlterationSchema),
  /** The first altered items, in feed order, each with its first alterations. */
  examples: z.array(AlteredItemSchema),
});
export type FeedAlterations = z.output<typeof FeedAlterationsSchema>;

/** What archiving a feed's images did this run. */
export const FeedMediaReportSchema = z.object({
  /** Images stored for the first time. */
  stored: count,
  /** Their bytes. */
  bytes: count,
  /** Images that could not be archived (they keep their remote URL, retried later). */
  failed: count,
  /** Images left for a later run: the run's media cap or the archive's budget was reached. */
  deferred: count,
  /** The first failures and why. */
  failures: z.array(z.object({ url: z.string(), reason: z.string() })),
});
export type FeedMediaReport = z.output<typeof FeedMediaReportSchema>;

/** How a feed's run ended. */
export const FeedStatusSchema = z.enum(['ok', 'not-modified', 'failed', 'skipped']);
export type FeedStatus = z.output<typeof FeedStatusSchema>;

/** The outcome of one feed. */
export const FeedReportSchema = z.object({
  /** Feed id. */
  id: z.string().min(1),
  /** The configured URL or path of the feed. */
  url: z.string(),
  /** How the run ended for the feed. */
  status: FeedStatusSchema,
  /** One sentence: why the feed failed or was skipped. */
  error: z.string().optional(),
  /** Machine-readable reason (`gone`, `backoff`, `timeout`, `http`, ...). */
  code: z.string().optional(),
  /** The underlying cause, only with --verbose. */
  cause: z.string().optional(),
  /** What happened to the feed's items. */
  counts: ItemCountsSchema,
  /** Entries counted in `skipped` because they failed validation or conversion, in feed order. */
  warnings: z.array(ItemWarningSchema).default([]),
  /** What was removed or rewritten for safety or format; absent when nothing was. */
  alterations: FeedAlterationsSchema.optional(),
  /** The first pages that could not give an item its full text (the item keeps the feed's text), and why. */
  pageFailures: z.array(ItemWarningSchema).optional(),
  /** What archiving the feed's images did; absent when media is off for the feed or nothing was due. */
  media: FeedMediaReportSchema.optional(),
  /** Dry runs only: the first PREVIEW_ITEMS new and changed items it would archive; absent when none. */
  preview: FeedPreviewSchema.optional(),
  /** Wall time spent on the feed, in milliseconds. */
  durationMs: z.number().nonnegative(),
});
export type FeedReport = z.output<typeof FeedReportSchema>;

/** The run's totals: feeds by outcome, and the items of all feeds. */
export const SnapshotTotalsSchema = z.object({
  /** Feeds in the run. */
  feeds: count,
  /** Feeds fetched and archived. */
  ok: count,
  /** Feeds the server said had not changed. */
  notModified: count,
  /** Feeds that failed. */
  failed: count,
  /** Feeds not fetched this run (gone, backing off). */
  skippedFeeds: count,
  ...ItemCountsSchema.shape,
  /** Items written this run with at least one alteration for safety or format. */
  altered: count,
  /** Alterations of all feeds and items. */
  alterations: count,
  /** Images stored this run, and their bytes; absent when media is off. */
  mediaStored: count.optional(),
  mediaBytes: count.optional(),
  /** Bytes of every image the archive holds after the run, and the budget for them; absent when media is off. */
  mediaTotalBytes: count.optional(),
  mediaBudget: count.optional(),
});
export type SnapshotTotals = z.output<typeof SnapshotTotalsSchema>;

/** The whole report. */
export const SnapshotReportSchema = z.object({
  /** True when nothing was written. */
  dryRun: z.boolean(),
  /** One entry per configured feed, in config order. */
  feeds: z.array(FeedReportSchema),
  totals: SnapshotTotalsSchema,
  /** Wall time of the run, in milliseconds. */
  durationMs: z.number().nonnegative(),
});
export type SnapshotReport = z.output<typeof SnapshotReportSchema>;
