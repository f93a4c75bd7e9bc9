/**
 * What `astro build` does once Astro has written the site (the integration's
 * astro:build:done): the sharded Pagefind index (src/search/index-fs.ts), then
 * the build audit (src/audit/). A failure of either throws an AstroError that
 * says which step failed on which folder, and why; Astro prints it and exits 1.
 */
import { AstroError } from 'astro/errors';
import { auditDist, formatFindings } from '#src/audit/audit-fs.ts';
import { indexSite, type SearchIndexOptions, type SearchIndexSummary } from '#src/search/index-fs.ts';
import { type FeedshelfOptions, STEP_VARIABLES } from './options.ts';

export interface FinishBuildOptions extends FeedshelfOptions {
  /** The base path the site was built for, as Astro resolved it ("/" or "/sub/"). */
  base: string;
  /** For the search index; the defaults are the build's (the cache under Astro's cache folder). */
  index?: SearchIndexOptions;
}

/** An error and its causes, one sentence after another. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message} ${describe(error.cause)}`;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

async function buildSearchIndex(dir: string, options: SearchIndexOptions): Promise<SearchIndexSummary> {
  try {
    return await indexSite(dir, options);
  } catch (cause) {
    throw new AstroError(
      `The search index of ${dir} could not be built: ${describe(cause)}`,
      'Pagefind indexes the article pages under items/, one shard at a time (src/search/index-fs.ts): fix the cause above and build again.',
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

/** The line the build prints: what was indexed, or which steps were turned off. */
function summaryLine(dir: string, summary: SearchIndexSummary | undefined, options: FeedshelfOptions): string {
  const search =
    summary === undefined
      ? `no search index (${STEP_VARIABLES.search}=off)`
      : `${summary.pages} pages indexed in ${summary.shards} search shard(s), ${summary.indexed} re-indexed; search index ${kilobytes(summary.bytes)} in ${summary.files} files`;
  const audit = options.audit ? '' : ` Build audit skipped (${STEP_VARIABLES.audit}=off).`;
  return `Built ${dir}: ${search}.${audit}`;
}

/** Indexes and audits the built site in `dir`; resolves with the summary line, or throws. */
export async function finishBuild(dir: string, options: FinishBuildOptions): Promise<string> {
  const summary = options.search ? await buildSearchIndex(dir, options.index ?? {}) : undefined;
  if (options.audit) await auditSite(dir, options.base);
  return summaryLine(dir, summary, options);
}
