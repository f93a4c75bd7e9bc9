/**
 * The snapshot report: its stable JSON shape, the human lines printed as each
 * feed finishes, the summary table and the exit code. Pure.
 */

export type FeedStatus = 'ok' | 'not-modified' | 'failed' | 'skipped';

/** Item counts for one feed (or the whole run). */
export interface ItemCounts {
  /** Items written for the first time. */
  new: number;
  /** Archived items rewritten because their content changed. */
  updated: number;
  /** Items already archived with the same content. */
  unchanged: number;
  /** Entries left out by include/exclude filters or repeated within the feed. */
  skipped: number;
}

/** The outcome of one feed. */
export interface FeedReport {
  id: string;
  url: string;
  status: FeedStatus;
  /** One sentence: why the feed failed or was skipped. */
  error?: string;
  /** Machine-readable reason (`gone`, `backoff`, `timeout`, `http`, ...). */
  code?: string;
  /** The underlying cause, for --verbose. */
  cause?: string;
  counts: ItemCounts;
  durationMs: number;
}

export interface SnapshotTotals extends ItemCounts {
  feeds: number;
  ok: number;
  notModified: number;
  failed: number;
  skippedFeeds: number;
}

export interface SnapshotReport {
  dryRun: boolean;
  feeds: FeedReport[];
  totals: SnapshotTotals;
  durationMs: number;
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
  }
  return totals;
}

/** The report as stable JSON: fixed key order, `cause` only when asked for. */
export function reportToJson(report: SnapshotReport, verbose = false): string {
  const feeds = report.feeds.map((feed) => ({
    id: feed.id,
    url: feed.url,
    status: feed.status,
    ...(feed.error === undefined ? {} : { error: feed.error }),
    ...(feed.code === undefined ? {} : { code: feed.code }),
    ...(verbose && feed.cause !== undefined ? { cause: feed.cause } : {}),
    counts: {
      new: feed.counts.new,
      updated: feed.counts.updated,
      unchanged: feed.counts.unchanged,
      skipped: feed.counts.skipped,
    },
    durationMs: feed.durationMs,
  }));
  const t = report.totals;
  const totals = {
    feeds: t.feeds,
    ok: t.ok,
    notModified: t.notModified,
    failed: t.failed,
    skippedFeeds: t.skippedFeeds,
    new: t.new,
    updated: t.updated,
    unchanged: t.unchanged,
    skipped: t.skipped,
  };
  return `${JSON.stringify({ dryRun: report.dryRun, feeds, totals, durationMs: report.durationMs }, null, 2)}\n`;
}

const MARK: Record<FeedStatus, string> = {
  ok: 'ok',
  'not-modified': 'not modified',
  failed: 'FAILED',
  skipped: 'skipped',
};

function countsText(c: ItemCounts): string {
  return `${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped`;
}

/** One line for a finished feed. */
export function formatFeedLine(feed: FeedReport, verbose = false): string {
  const head = `${MARK[feed.status].padEnd(12)} ${feed.id}`;
  const seconds = `${(feed.durationMs / 1000).toFixed(2)} s`;
  let line: string;
  if (feed.status === 'ok') line = `${head}: ${countsText(feed.counts)} (${seconds})`;
  else if (feed.status === 'not-modified') line = `${head}: unchanged since the last fetch (${seconds})`;
  else line = `${head}: ${feed.error ?? feed.status}`;
  if (verbose && feed.cause) line += `\n             cause: ${feed.cause}`;
  return line;
}

/** The summary table printed after every feed has finished. */
export function formatSummary(report: SnapshotReport): string {
  const header = ['feed', 'status', 'new', 'updated', 'unchanged', 'skipped'];
  const rows = report.feeds.map((f) => [
    f.id,
    f.status,
    String(f.counts.new),
    String(f.counts.updated),
    String(f.counts.unchanged),
    String(f.counts.skipped),
  ]);
  const t = report.totals;
  rows.push(['total', `${t.failed} failed`, String(t.new), String(t.updated), String(t.unchanged), String(t.skipped)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [render(header), rule, ...rows.slice(0, -1).map(render), rule, render(rows[rows.length - 1] ?? [])];
  const suffix = report.dryRun ? '\n(dry run: nothing was written)' : '';
  return `${lines.join('\n')}${suffix}`;
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
