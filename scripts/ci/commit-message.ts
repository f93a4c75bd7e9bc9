/** The commit message of a CI archive run, counted from the snapshot report. */
import type { SnapshotReport } from './report.ts';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * "Archive 7 new items (3 updated) from 4 feeds": the feeds counted are those
 * that brought new or updated items. A run that only changed feed state (a
 * failure count, an ETag) says so instead.
 */
export function commitMessage(report: SnapshotReport): string {
  const totals = report.totals;
  const contributing = report.feeds.filter((feed) => feed.counts.new + feed.counts.updated > 0).length;
  const from = `from ${plural(contributing, 'feed', 'feeds')}`;
  if (totals.new > 0) {
    const updated = totals.updated > 0 ? ` (${totals.updated} updated)` : '';
    return `Archive ${plural(totals.new, 'new item', 'new items')}${updated} ${from}`;
  }
  if (totals.updated > 0) return `Update ${plural(totals.updated, 'archived item', 'archived items')} ${from}`;
  return `Update the fetch state of ${plural(report.feeds.length, 'feed', 'feeds')}`;
}
