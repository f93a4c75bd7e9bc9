/**
 * What a build reports besides its pages: the archive files the content sync
 * left out (src/render/quarantine-fs.ts) and the build-machine paths the audit
 * found in the output (src/audit/local-paths.ts). Neither fails the build;
 * both are printed and counted in the summary line. Call
 * prepareBuildReport before Astro starts and collectBuildReport once the
 * output (search index included) is written.
 */
import { resolve } from 'node:path';
import { archivePaths, buildPaths } from '#src/archive/paths.ts';
import { auditLocalPaths, buildMachineFolders, type LocalPathFinding } from '#src/audit/audit-fs.ts';
import { type LeftOutReport, leftOutCount } from '#src/render/quarantine.ts';
import { clearLeftOut, leftOutReportFile, readLeftOut } from '#src/render/quarantine-fs.ts';

export interface BuildReport {
  /** What the content sync left out; undefined when no sync ran. */
  leftOut?: LeftOutReport;
  /** Paths of the build machine in the output, by file and line. */
  localPaths: LocalPathFinding[];
}

/** Clears the previous build's left-out report, so a build that stops early reports none. */
export function prepareBuildReport(root: string): void {
  clearLeftOut(leftOutReportFile(root));
}

/** Reads the left-out report and (unless `auditPaths` is false) audits `outDir` for build-machine paths. */
export async function collectBuildReport(root: string, outDir: string, auditPaths = true): Promise<BuildReport> {
  const leftOut = readLeftOut(leftOutReportFile(root));
  const used = [outDir, buildPaths.cache, archivePaths.items, archivePaths.state].map((folder) =>
    resolve(root, folder),
  );
  const localPaths = auditPaths ? await auditLocalPaths(outDir, buildMachineFolders(root, used)) : [];
  return { ...(leftOut ? { leftOut } : {}), localPaths };
}

/**
 * The summary line's clause: ", 1 item left out (see above)", ", 2 build-machine paths in the
 * output (see above)", both, or "" when the build has nothing to report.
 */
export function buildReportClause(report: BuildReport): string {
  const parts: string[] = [];
  const leftOut = leftOutCount(report.leftOut);
  if (leftOut !== '') parts.push(`${leftOut} left out`);
  const paths = report.localPaths.length;
  if (paths > 0) parts.push(`${paths} build-machine ${paths === 1 ? 'path' : 'paths'} in the output`);
  return parts.length === 0 ? '' : `, ${parts.join(', ')} (see above)`;
}
