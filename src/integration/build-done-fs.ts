/**
 * What `astro build` does once Astro has written the site (the integration's
 * astro:build:done): the sharded Pagefind index (src/search/index-fs.ts), then
 * the build audit (src/audit/), then the build report: the archive files the
 * content sync left out and the build-machine paths in the output, printed and
 * counted in the summary line but never fatal (build-report-fs.ts). A failure
 * of the index or the audit throws an AstroError that says which step failed
 * on which folder, why, and whose fault it is (build-failure.ts); Astro prints
 * it and exits 1.
 */
import { resolve } from 'node:path';
import { AstroError } from 'astro/errors';
import { archivePaths } from '#src/archive/paths.ts';
import { auditDist, formatFindings } from '#src/audit/audit-fs.ts';
import { indexSite, type SearchIndexOptions, type SearchIndexSummary } from '#src/search/index-fs.ts';
import { failureMessage } from './build-failure.ts';
import { type BuildReport, buildReportClause, collectBuildReport } from './build-report-fs.ts';
import { publishMedia } from './media-fs.ts';
import { type FeedshelfOptions, STEP_VARIABLES } from './options.ts';
import { formatOutputSize, hostLimits, overHostLimits } from './output-size.ts';
import { measureOutput } from './output-size-fs.ts';

export interface FinishBuildOptions extends Pick<FeedshelfOptions, 'search' | 'audit'> {
  /** The project's root, where the left-out report and the build-machine folders are found. */
  root: string;
  /** The base path the site was built for, as Astro resolved it ("/" or "/sub/"). */
  base: string;
  /** For the search index; the defaults are the build's (the cache under Astro's cache folder). */
  index?: SearchIndexOptions;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

async function buildSearchIndex(dir: string, options: SearchIndexOptions): Promise<SearchIndexSummary> {
  try {
    return await indexSite(dir, options);
  } catch (cause) {
    throw new AstroError(
      `The search index of ${dir} could not be built: ${failureMessage(cause)}`,
      'Pagefind indexes the article pages under items/, one process per shard (src/search/index-fs.ts): fix the cause above and build again.',
    );
  }
}

async function auditSite(dir: string, base: string): Promise<void> {
  // Any inline or foreign script, handler attribute or script URL fails the build.
  const findings = await auditDist(dir, { base });
  if (findings.length > 0) {
    throw new AstroError(
      `The build audit found ${findings.length} problem(s) in ${dir}:\n${formatFindings(findings)}`,
      'A page holds script the site did not write: remove the content that produced it and build again (see SECURITY.md).',
    );
  }
}

/** What the search index holds and what building it took, as the build and `feedshelf merge` print it. */
export function searchIndexClause(summary: SearchIndexSummary): string {
  return `${summary.pages} pages indexed in ${summary.shards} search shard(s), ${summary.indexed} re-indexed, ${summary.read} page(s) read; search index ${kilobytes(summary.bytes)} in ${summary.files} files`;
}

/** The line the build prints: what was indexed, or which steps were turned off. */
function summaryLine(
  dir: string,
  summary: SearchIndexSummary | undefined,
  report: BuildReport,
  options: Pick<FeedshelfOptions, 'search' | 'audit'>,
): string {
  const search = summary === undefined ? `no search index (${STEP_VARIABLES.search}=off)` : searchIndexClause(summary);
  const audit = options.audit ? '' : ` Build audit skipped (${STEP_VARIABLES.audit}=off).`;
  return `Built ${dir}: ${search}${buildReportClause(report)}.${audit}`;
}

export interface FinishedBuild {
  /** The one line the build prints. */
  summary: string;
  /** What was left out and what paths were found, for the lines printed above the summary. */
  report: BuildReport;
  /** The site's weight, one line. */
  size: string;
  /** Where the site passes its host's limits (FEEDSHELF_HOST), one sentence each. */
  overLimits: string[];
}

/** Indexes and audits the built site in `dir`, and collects its report; or throws. */
export async function finishBuild(dir: string, options: FinishBuildOptions): Promise<FinishedBuild> {
  let host: ReturnType<typeof hostLimits>;
  try {
    host = hostLimits(process.env.FEEDSHELF_HOST);
  } catch (cause) {
    throw new AstroError((cause as Error).message, 'Unset FEEDSHELF_HOST to check the limits of GitHub Pages.');
  }
  const media = await publishMedia(resolve(options.root, archivePaths.media), dir);
  const summary = options.search ? await buildSearchIndex(dir, options.index ?? {}) : undefined;
  if (options.audit) await auditSite(dir, options.base);
  const report = await collectBuildReport(options.root, dir, options.audit);
  const images = media.files > 0 ? ` ${media.files} archived image(s) published under media/.` : '';
  const strays =
    media.skipped.length > 0
      ? ` ${media.skipped.length} file(s) in the media folder left out (not stored images): ${media.skipped.slice(0, 3).join(', ')}.`
      : '';
  const size = await measureOutput(dir);
  return {
    summary: `${summaryLine(dir, summary, report, options)}${images}${strays}`,
    report,
    size: formatOutputSize(size),
    overLimits: overHostLimits(size, host),
  };
}
