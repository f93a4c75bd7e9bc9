/**
 * Reads the JSON of `npm run snapshot -- --json` for the CI job, with the
 * snapshot's own schema (src/ingest/report-schema.ts): keys the schema does
 * not name are ignored, anything else wrong is one clear error.
 */
import { type SnapshotReport, SnapshotReportSchema } from '#src/ingest/report-schema.ts';

export type { FeedReport, ItemCounts, SnapshotReport } from '#src/ingest/report-schema.ts';

/** Thrown when the report file is not a snapshot report. */
export class ReportError extends Error {
  override name = 'ReportError';
}

/** Parses the JSON text of a snapshot report; `where` names the file in errors. */
export function parseSnapshotReport(text: string, where: string): SnapshotReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ReportError(
      `${where} is not JSON: run the snapshot with --json and send only its standard output to the file.`,
    );
  }
  const result = SnapshotReportSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    throw new ReportError(
      `${where} is not a snapshot report (${path}: ${issue?.message ?? 'invalid'}): produce it with npm run snapshot -- --json.`,
    );
  }
  return result.data;
}
