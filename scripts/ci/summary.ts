/**
 * The Markdown job summary of a CI archive run: one table row per feed, then
 * what the snapshot removed or rewrote for safety or format, feed by feed,
 * with the first items and reasons.
 */
import { describeCounts } from '#src/ingest/alterations.ts';
import { formatBytes } from '#src/ingest/report.ts';
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
    String(feed.alterations?.items ?? 0),
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
    '| Feed | Status | New | Updated | Unchanged | Skipped | Altered | Time | Error |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...feeds.map(row),
    `| **Total** | | **${totals.new}** | **${totals.updated}** | **${totals.unchanged}** | **${totals.skipped}** | **${totals.altered}** | | |`,
    '',
    ...alterationsSection(feeds),
    ...mediaSection(feeds, totals),
  ].join('\n');
}

/**
 * "Archived images": per feed, the images stored this run and their bytes,
 * those that failed or wait for room; then the archive's images against
 * their budget, with a warning past 80 %. Empty when media is off.
 */
function mediaSection(feeds: readonly FeedReport[], totals: SnapshotReport['totals']): string[] {
  const withMedia = feeds.filter((feed) => feed.media);
  if (withMedia.length === 0 && totals.mediaTotalBytes === undefined) return [];
  const lines = ['### Archived images', ''];
  for (const feed of withMedia) {
    const media = feed.media;
    if (!media) continue;
    const parts = [`${plural(media.stored, 'image', 'images')} stored (${formatBytes(media.bytes)})`];
    if (media.failed) parts.push(`${media.failed} not fetched, retried later`);
    if (media.deferred) parts.push(`${media.deferred} waiting for room`);
    lines.push(`- \`${feed.id.replace(/`/g, '')}\`: ${parts.join(', ')}`);
    for (const failure of media.failures.slice(0, 3)) lines.push(`  - ${tableCell(failure.reason)}`);
  }
  if (totals.mediaTotalBytes !== undefined && totals.mediaBudget) {
    const share = totals.mediaTotalBytes / totals.mediaBudget;
    const warning =
      share >= 1
        ? ' **The budget is used up**: new images keep their remote URLs.'
        : share >= 0.8
          ? ' **Past 80 % of the budget.**'
          : '';
    lines.push(
      '',
      `All archived images: ${formatBytes(totals.mediaTotalBytes)} of the ${formatBytes(totals.mediaBudget)} budget (${Math.round(share * 100)} %).${warning}`,
    );
  }
  lines.push('');
  return lines;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `` `element-removed` `<script>` ``: one alteration, its class and detail, safe in Markdown. */
function reason(alteration: { kind: string; detail: string }): string {
  return `${alteration.kind}: ${tableCell(alteration.detail)}`;
}

/**
 * "Altered for safety or format": one entry per feed that had alterations,
 * its counts by class, the feed's own (a guessed encoding) and its first
 * altered items with their first reasons. Empty when nothing was altered.
 */
function alterationsSection(feeds: readonly FeedReport[]): string[] {
  const altered = feeds.filter((feed) => feed.alterations);
  if (altered.length === 0) return [];
  const lines = ['### Altered for safety or format', ''];
  for (const feed of altered) {
    const alterations = feed.alterations;
    if (!alterations) continue;
    lines.push(
      `- \`${feed.id.replace(/`/g, '')}\`: ${plural(alterations.total, 'alteration', 'alterations')} in ` +
        `${plural(alterations.items, 'item', 'items')} (${describeCounts(alterations.byKind)})`,
    );
    for (const alteration of alterations.feed) lines.push(`  - the feed: ${reason(alteration)}`);
    for (const example of alterations.examples) {
      const name = tableCell(example.title ?? example.link ?? 'an untitled item');
      const more = example.total > example.first.length ? `; ${example.total - example.first.length} more` : '';
      lines.push(`  - ${name}: ${example.first.map(reason).join('; ')}${more}`);
    }
    const unnamed = alterations.items - alterations.examples.length;
    if (unnamed > 0) lines.push(`  - and ${plural(unnamed, 'other item', 'other items')}: see the JSON report`);
  }
  lines.push('');
  return lines;
}
