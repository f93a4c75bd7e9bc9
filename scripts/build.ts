/**
 * `npm run build`: renders the site with Astro, indexes it with Pagefind,
 * audits the output for script the site did not write, and prints one line,
 * which counts the archive files left out and any build-machine path found.
 * FEEDSHELF_OUT_DIR (and the other FEEDSHELF_* variables) choose what is built where.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import { auditDist, formatFindings, formatLocalPathFindings } from '#src/audit/audit-fs.ts';
import { describeBuildFailure } from '#src/integration/build-failure.ts';
import { buildReportClause, collectBuildReport, prepareBuildReport } from '#src/integration/build-report-fs.ts';
import { clearPreviousOutput } from '#src/integration/previous-output-fs.ts';
import { indexSite } from '#src/search/index-fs.ts';
import { loadSiteConfig } from '#src/site.config.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = resolve(root, process.env.FEEDSHELF_OUT_DIR ?? 'dist');

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

async function main(): Promise<void> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const siteConfig = loadSiteConfig();
  prepareBuildReport(root);
  const cleared = clearPreviousOutput(outDir);
  try {
    await build({ root, logLevel: 'warn' });
  } catch (cause) {
    throw new Error('Failed to build the site with Astro.', { cause });
  } finally {
    await cleared;
  }
  const summary = await indexSite(outDir);
  // The build-time audit: any inline or foreign script, handler attribute or script URL fails the build.
  const findings = await auditDist(outDir, { base: siteConfig.base });
  if (findings.length > 0) {
    throw new Error(`The build audit found ${findings.length} problem(s) in ${outDir}:\n${formatFindings(findings)}`);
  }
  const report = await collectBuildReport(root, outDir);
  if (report.localPaths.length > 0) console.warn(formatLocalPathFindings(report.localPaths));
  console.log(
    `Built ${outDir}: ${summary.pages} pages indexed in ${summary.shards} search shard(s), ${summary.indexed} re-indexed; search index ${kilobytes(summary.bytes)} in ${summary.files} files${buildReportClause(report)}.`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Build failed: ${describeBuildFailure(error)}`);
    process.exit(1);
  },
);
