/**
 * The job summary's section on the archive files the build left out of the
 * site, from the report the content sync writes (`<cache>/feedshelf-left-out.json`).
 */
import { type LeftOutReport, LeftOutReportSchema, leftOutCount } from '#src/render/quarantine.ts';
import { ReportError } from './report.ts';
import { tableCell } from './summary.ts';

/** Parses the JSON text of a left-out report; `where` names the file in errors. */
export function parseLeftOutReport(text: string, where: string): LeftOutReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ReportError(`${where} is not JSON: it should be the left-out report the build writes.`);
  }
  const result = LeftOutReportSchema.safeParse(data);
  if (!result.success) throw new ReportError(`${where} is not a left-out report: delete it and build again.`);
  return result.data;
}

/** A headline, and a table of the files left out with their reasons when there are any. */
export function leftOutMarkdown(report: LeftOutReport): string {
  const heading = ['## Site build', ''];
  const found = `${report.items} archived ${report.items === 1 ? 'item' : 'items'}`;
  if (report.leftOut.length === 0) return [...heading, `${found}, none left out.`, ''].join('\n');
  return [
    ...heading,
    `${found}: **${leftOutCount(report)} left out** of the site (the rest was built and deployed). Fix or delete each file:`,
    '',
    '| File | Reason |',
    '| --- | --- |',
    ...report.leftOut.map((entry) => `| \`${entry.file.replace(/`/g, '')}\` | ${tableCell(entry.reason)} |`),
    '',
  ].join('\n');
}
