/**
 * The snapshot report's JSON (`npm run snapshot -- --json`): the contract
 * between the snapshot and whatever reads its outcome, the CI job summary and
 * commit message above all. Key order here is the key order of the JSON.
 */
import { z } from 'astro/zod';

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
