/**
 * The snapshot report: its stable JSON shape, the human lines printed as each
 * feed finishes, the summary table and the exit code. Pure.
 */

import { collapseWhitespace } from './_text.ts';
import { describeCounts } from './alterations.ts';
import {
  type FeedAlterations,
  type FeedReport,
  type FeedStatus,
  type ItemCounts,
  type ItemWarning,
  type SnapshotReport,
  SnapshotReportSchema,
  type SnapshotTotals,
} from './report-schema.ts';
import type { FeedEntry } from './types.ts';

export type { FeedAlterations, FeedReport, FeedStatus, ItemCounts, ItemWarning, SnapshotReport, SnapshotTotals };

const REASON_MAX = 200;

/** Text on one line, at most `max` characters. */
function oneLine(text: string, max: number): string {
  const line = collapseWhitespace(text);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** An entry as reports name it: its link and title, whichever it has. */
export function itemSubject(entry: FeedEntry): { link?: string; title?: string } {
  const link = entry.link?.trim();
  const title = entry.title === undefined ? '' : oneLine(entry.title, REASON_MAX);
  return { ...(link ? { link } : {}), ...(title ? { title } : {}) };
}

/** The warning for an entry that was left out, naming it by its link and title. */
export function itemWarning(entry: FeedEntry, reason: string): ItemWarning {
  return { ...itemSubject(entry), reason: oneLine(reason, REASON_MAX) };
}

/** Why a converted item failed ItemSchema: the first issue, with its field, and how many more there are. */
export function invalidItemReason(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const [first] = issues;
  if (!first) return 'its frontmatter is invalid';
  const field = first.path.map(String).join('.') || '(root)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `its frontmatter field ${field} is invalid: ${first.message}${more}`;
}

export function emptyCounts(): ItemCounts {
  return { new: 0, updated: 0, unchanged: 0, skipped: 0 };
}

export function computeTotals(feeds: readonly FeedReport[]): SnapshotTotals {
  const totals: SnapshotTotals = {
    feeds: feeds.length,
    ok: 0,
    notModified: 0,
    failed: 0,
    skippedFeeds: 0,
    ...emptyCounts(),
    altered: 0,
    alterations: 0,
  };
  for (const feed of feeds) {
    if (feed.status === 'ok') totals.ok++;
    else if (feed.status === 'not-modified') totals.notModified++;
    else if (feed.status === 'failed') totals.failed++;
    else totals.skippedFeeds++;
    totals.new += feed.counts.new;
    totals.updated += feed.counts.updated;
    totals.unchanged += feed.counts.unchanged;
    totals.skipped += feed.counts.skipped;
    for (const key of ['rehashed', 'pages', 'pagesFailed', 'retracted'] as const) {
      const count = feed.counts[key];
      if (count) totals[key] = (totals[key] ?? 0) + count;
    }
    if (feed.media) {
      totals.mediaStored = (totals.mediaStored ?? 0) + feed.media.stored;
      totals.mediaBytes = (totals.mediaBytes ?? 0) + feed.media.bytes;
    }
    totals.altered += feed.alterations?.items ?? 0;
    totals.alterations += feed.alterations?.total ?? 0;
  }
  return totals;
}

/** The report as JSON in the schema's key order, `cause` only when asked for. */
export function reportToJson(report: SnapshotReport, verbose = false): string {
  const feeds = verbose ? report.feeds : report.feeds.map(({ cause: _cause, ...feed }) => feed);
  return `${JSON.stringify(SnapshotReportSchema.parse({ ...report, feeds }), null, 2)}\n`;
}

const MARK: Record<FeedStatus, string> = {
  ok: 'ok',
  'not-modified': 'not modified',
  failed: 'FAILED',
  skipped: 'skipped',
};

function countsText(c: ItemCounts): string {
  const rehashed = c.rehashed ? `, ${c.rehashed} rehashed` : '';
  const pages = c.pages ? `; full text from ${c.pages} page${c.pages === 1 ? '' : 's'}` : '';
  const failed = c.pagesFailed
    ? `; ${c.pagesFailed} page${c.pagesFailed === 1 ? '' : 's'} not fetched, retried later`
    : '';
  const retracted = c.retracted ? `; ${c.retracted} retracted` : '';
  return `${c.new} new, ${c.updated} updated${rehashed}, ${c.unchanged} unchanged, ${c.skipped} skipped${pages}${failed}${retracted}`;
}

/** `Title <link>`, or whichever of the two the entry has. */
export function warningSubject(warning: { link?: string; title?: string }): string {
  if (warning.title && warning.link) return `${warning.title} <${warning.link}>`;
  return warning.title ?? (warning.link ? `<${warning.link}>` : '(an entry with no title or link)');
}

function warningsText(feed: FeedReport, verbose: boolean): string {
  const count = feed.warnings.length;
  if (count === 0) return '';
  if (verbose) return feed.warnings.map((w) => `\n             warning: ${warningSubject(w)}: ${w.reason}`).join('');
  return `; ${count} item${count === 1 ? '' : 's'} left out with a warning (--verbose shows which)`;
}

function alterationsText(feed: FeedReport, verbose: boolean): string {
  const alterations = feed.alterations;
  if (!alterations) return '';
  const items = alterations.items;
  const where = items > 0 ? ` in ${items} item${items === 1 ? '' : 's'}` : '';
  const head = `; altered for safety or format${where}: ${describeCounts(alterations.byKind)}`;
  if (!verbose) return `${head} (--verbose shows the first)`;
  const lines = [
    ...alterations.feed.map((a) => `\n             altered: the feed: ${a.kind}: ${a.detail}`),
    ...alterations.examples.map(
      (item) =>
        `\n             altered: ${warningSubject(item)}: ${item.first.map((a) => `${a.kind}: ${a.detail}`).join('; ')}${
          item.total > item.first.length ? ` (${item.total} in all)` : ''
        }`,
    ),
  ];
  return head + lines.join('');
}

/** One line for a finished feed (with --verbose, one more line per cause and warning). */
export function formatFeedLine(feed: FeedReport, verbose = false): string {
  const head = `${MARK[feed.status].padEnd(12)} ${feed.id}`;
  const seconds = `${(feed.durationMs / 1000).toFixed(2)} s`;
  let line: string;
  if (feed.status === 'ok') line = `${head}: ${countsText(feed.counts)} (${seconds})`;
  else if (feed.status === 'not-modified') line = `${head}: unchanged since the last fetch (${seconds})`;
  else line = `${head}: ${feed.error ?? feed.status}`;
  if (verbose && feed.cause) line += `\n             cause: ${feed.cause}`;
  return (
    line +
    previewText(feed) +
    mediaText(feed, verbose) +
    warningsText(feed, verbose) +
    alterationsText(feed, verbose) +
    pageFailuresText(feed, verbose)
  );
}

/** An item as the preview names it: its title, else its link. */
function previewSubject(item: { link?: string; title?: string }): string {
  return item.title ?? (item.link ? `<${item.link}>` : '(an entry with no title or link)');
}

/** A dry run's items: each new and changed one by its title, the first PREVIEW_ITEMS of each, then how many more. */
function previewText(feed: FeedReport): string {
  const preview = feed.preview;
  if (!preview) return '';
  const kinds = [
    ['new', preview.new, feed.counts.new],
    ['changed', preview.updated, feed.counts.updated],
  ] as const;
  let text = '';
  for (const [kind, items, total] of kinds) {
    for (const item of items) text += `\n             ${kind}: ${previewSubject(item)}`;
    if (total > items.length)
      text += `\n             … and ${(total - items.length).toLocaleString('en-US')} more ${kind}`;
  }
  return text;
}

/** The archive's images against their budget, with a warning past 80 %. */
function mediaBudgetText(totals: SnapshotReport['totals']): string {
  if (totals.mediaTotalBytes === undefined || !totals.mediaBudget) return '';
  const share = totals.mediaTotalBytes / totals.mediaBudget;
  const line = `\nmedia: ${formatBytes(totals.mediaTotalBytes)} of the ${formatBytes(totals.mediaBudget)} budget (${Math.round(share * 100)} %)`;
  if (share >= 1)
    return `${line}; the budget is used up: new images keep their remote URLs until you raise defaults.mediaLimits.budget or prune content/media/`;
  if (share >= 0.8) return `${line}; warning: past 80 % of the budget`;
  return line;
}

/** `12 MB` */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** `; 12 images archived (3.4 MB), 1 not fetched`: what the feed's images came to. */
function mediaText(feed: FeedReport, verbose: boolean): string {
  const media = feed.media;
  if (!media) return '';
  const parts = [`${media.stored} image${media.stored === 1 ? '' : 's'} archived (${formatBytes(media.bytes)})`];
  if (media.failed) parts.push(`${media.failed} not fetched, retried later`);
  if (media.deferred) parts.push(`${media.deferred} waiting for room`);
  const head = `\n             media: ${parts.join(', ')}`;
  const failures = verbose ? media.failures : media.failures.slice(0, 1);
  return head + failures.map((failure) => `\n             image: ${failure.reason}`).join('');
}

/** Pages that gave no full text: the first one named, all with --verbose. */
function pageFailuresText(feed: FeedReport, verbose: boolean): string {
  const failures = feed.pageFailures ?? [];
  if (failures.length === 0) return '';
  if (verbose) return failures.map((f) => `\n             page: ${warningSubject(f)}: ${f.reason}`).join('');
  const first = failures[0];
  return first
    ? `\n             page: ${first.reason}${failures.length > 1 ? ' (--verbose shows the others)' : ''}`
    : '';
}

/** The summary table printed after every feed has finished. */
export function formatSummary(report: SnapshotReport): string {
  const header = ['feed', 'status', 'new', 'updated', 'unchanged', 'skipped', 'altered'];
  const rows = report.feeds.map((f) => [
    f.id,
    f.status,
    String(f.counts.new),
    String(f.counts.updated),
    String(f.counts.unchanged),
    String(f.counts.skipped),
    String(f.alterations?.items ?? 0),
  ]);
  const t = report.totals;
  rows.push([
    'total',
    `${t.failed} failed`,
    String(t.new),
    String(t.updated),
    String(t.unchanged),
    String(t.skipped),
    String(t.altered),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [render(header), rule, ...rows.slice(0, -1).map(render), rule, render(rows[rows.length - 1] ?? [])];
  const rehashed = t.rehashed
    ? `\n${t.rehashed} item${t.rehashed === 1 ? '' : 's'} rewritten in the current hash form, not marked updated: the archived hash was of an earlier form and no longer matched`
    : '';
  const suffix = report.dryRun ? '\n(dry run: nothing was written)' : '';
  return `${lines.join('\n')}${rehashed}${mediaBudgetText(t)}${suffix}`;
}

/**
 * 0 when no feed failed; 1 when every feed that was attempted failed (or any
 * failed under --strict); 2 when some failed and the rest were archived.
 */
export function exitCodeFor(report: SnapshotReport, strict = false): 0 | 1 | 2 {
  const { failed, ok, notModified } = report.totals;
  if (failed === 0) return 0;
  if (strict || ok + notModified === 0) return 1;
  return 2;
}
