/**
 * The part of `npm run snapshot -- --json` that the CI job reads. Parsed
 * loosely (extra keys are ignored) so the summary keeps working when the
 * report grows new fields.
 */
import { z } from 'astro/zod';

/** Item counts of one feed, or of the whole run. */
export const ReportCountsSchema = z.looseObject({
  /** Items archived for the first time. */
  new: z.number().int().nonnegative().default(0),
  /** Archived items whose content changed and were rewritten. */
  updated: z.number().int().nonnegative().default(0),
  /** Items already archived with the same content. */
  unchanged: z.number().int().nonnegative().default(0),
  /** Items left out (filters, duplicates, invalid entries). */
  skipped: z.number().int().nonnegative().default(0),
});
export type ReportCounts = z.output<typeof ReportCountsSchema>;

/** One feed's line in the report. */
export const FeedReportSchema = z.looseObject({
  /** Feed id. */
  id: z.string().min(1),
  /** The URL or path the feed was read from. */
  url: z.string().default(''),
  /** How the fetch ended. */
  status: z.string().min(1),
  /** One-sentence reason when the feed failed. */
  error: z.string().optional(),
  /** What happened to the feed's items. */
  counts: ReportCountsSchema.prefault({}),
  /** Wall time spent on the feed, in milliseconds. */
  durationMs: z.number().nonnegative().optional(),
});
export type FeedReport = z.output<typeof FeedReportSchema>;

/** The whole report. */
export const SnapshotReportSchema = z.looseObject({
  feeds: z.array(FeedReportSchema),
});
export type SnapshotReport = z.output<typeof SnapshotReportSchema>;

/** Thrown when the report file is not a snapshot report. */
export class ReportError extends Error {
  override name = 'ReportError';
}

/** Parses the JSON text of a snapshot report; `where` names the file in errors. */
export function parseSnapshotReport(text: string, where: string): SnapshotReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ReportError(
      `${where} is not JSON: run the snapshot with --json and send only its standard output to the file.`,
    );
  }
  const result = SnapshotReportSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    throw new ReportError(
      `${where} is not a snapshot report (${path}: ${issue?.message ?? 'invalid'}): produce it with npm run snapshot -- --json.`,
    );
  }
  return result.data;
}

/** Sums the counts of every feed. */
export function totalCounts(report: SnapshotReport): ReportCounts {
  const totals: ReportCounts = { new: 0, updated: 0, unchanged: 0, skipped: 0 };
  for (const feed of report.feeds) {
    totals.new += feed.counts.new;
    totals.updated += feed.counts.updated;
    totals.unchanged += feed.counts.unchanged;
    totals.skipped += feed.counts.skipped;
  }
  return totals;
}
