/**
 * What a build reports besides its pages: the archive files the content sync
 * left out (src/render/quarantine-fs.ts). They do not fail the build; they are
 * printed and counted in the summary line. Call prepareBuildReport before
 * Astro starts and collectBuildReport once the output is written.
 */
import { type LeftOutReport, leftOutCount } from '#src/render/quarantine.ts';
import { clearLeftOut, leftOutReportFile, readLeftOut } from '#src/render/quarantine-fs.ts';

export interface BuildReport {
  /** What the content sync left out; undefined when no sync ran. */
  leftOut?: LeftOutReport;
}

/** Clears the previous build's left-out report, so a build that stops early reports none. */
export function prepareBuildReport(root: string): void {
  clearLeftOut(leftOutReportFile(root));
}

/** Reads the left-out report of the build. */
export async function collectBuildReport(root: string): Promise<BuildReport> {
  const leftOut = readLeftOut(leftOutReportFile(root));
  return leftOut ? { leftOut } : {};
}

/** The summary line's clause: ", 1 item left out (see above)", or "" when the build has nothing to report. */
export function buildReportClause(report: BuildReport): string {
  const leftOut = leftOutCount(report.leftOut);
  return leftOut === '' ? '' : `, ${leftOut} left out (see above)`;
}
