/** Snapshot reports for the CI helpers' tests, completed the way the snapshot completes them. */
import { computeTotals, type FeedReport } from '#src/ingest/report.ts';

export type PartialFeed = Omit<FeedReport, 'warnings' | 'durationMs' | 'status'> &
  Partial<Pick<FeedReport, 'warnings' | 'durationMs'>> & { status: string };

/** A whole report, as JSON-ready data, from the feeds' essentials. */
export function fullReport(feeds: readonly PartialFeed[]) {
  const complete = feeds.map((feed) => ({ warnings: [], durationMs: 10, ...feed }) as FeedReport);
  return { dryRun: false, feeds: complete, totals: computeTotals(complete), durationMs: 100 };
}
