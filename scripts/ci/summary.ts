/** The Markdown job summary of a CI archive run: one table row per feed. */
import type { FeedReport, SnapshotReport } from './report.ts';

const STATUS_LABELS: Record<string, string> = {
  ok: '✅ ok',
  'not-modified': '⏸️ not modified',
  failed: '❌ failed',
  gone: '🪦 gone',
  skipped: '⏭️ skipped',
};

/** Makes text safe inside one Markdown table cell. */
export function tableCell(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\|`*_[\]<>]/g, (char) => `\\${char}`)
    .trim();
}

function seconds(durationMs: number | undefined): string {
  return durationMs === undefined ? '' : `${(durationMs / 1000).toFixed(1)} s`;
}

function row(feed: FeedReport): string {
  const status = STATUS_LABELS[feed.status] ?? tableCell(feed.status);
  const { counts } = feed;
  const cells = [
    `\`${feed.id.replace(/`/g, '')}\``,
    status,
    String(counts.new),
    String(counts.updated),
    String(counts.unchanged),
    String(counts.skipped),
    seconds(feed.durationMs),
    tableCell(feed.error ?? ''),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The summary: a headline, then the per-feed table sorted by feed id, failed feeds first. */
export function summaryMarkdown(report: SnapshotReport): string {
  const totals = report.totals;
  const failed = report.feeds.filter((feed) => feed.status === 'failed').length;
  const feeds = [...report.feeds].sort(
    (a, b) => Number(b.status === 'failed') - Number(a.status === 'failed') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const headline =
    `**${totals.new} new, ${totals.updated} updated** from ${report.feeds.length} ${report.feeds.length === 1 ? 'feed' : 'feeds'}` +
    (failed > 0 ? `; **${failed} failed** (the others were archived and deployed)` : '');
  return [
    '## Feed snapshot',
    '',
    headline,
    '',
    '| Feed | Status | New | Updated | Unchanged | Skipped | Time | Error |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...feeds.map(row),
    `| **Total** | | **${totals.new}** | **${totals.updated}** | **${totals.unchanged}** | **${totals.skipped}** | | |`,
    '',
  ].join('\n');
}
