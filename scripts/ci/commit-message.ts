/** The commit message of a CI archive run, counted from the snapshot report. */
import { ALTERATION_KINDS, type AlterationSummary, describeCounts } from '#src/ingest/alterations.ts';
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
  return subject(report) + alterationsBody(report);
}

/**
 * The message's body when the snapshot altered anything for safety or format:
 * "3 items altered for safety or format: 2 elements removed, 1 URL refused".
 */
function alterationsBody(report: SnapshotReport): string {
  if (report.totals.alterations === 0) return '';
  const byKind: AlterationSummary['byKind'] = {};
  for (const feed of report.feeds) {
    for (const kind of ALTERATION_KINDS) {
      const count = feed.alterations?.byKind[kind];
      if (count) byKind[kind] = (byKind[kind] ?? 0) + count;
    }
  }
  const items = report.totals.altered > 0 ? `${plural(report.totals.altered, 'item', 'items')} ` : 'the feeds ';
  return `\n\n${items}altered for safety or format: ${describeCounts(byKind)}`;
}

function subject(report: SnapshotReport): string {
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
