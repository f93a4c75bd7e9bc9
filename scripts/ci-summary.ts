/**
 * Reads the JSON report of `npm run snapshot -- --json` and prints, for CI:
 *   node scripts/ci-summary.ts REPORT.json                   the per-feed Markdown table
 *   node scripts/ci-summary.ts --commit-message REPORT.json  the archive commit's message
 *   node scripts/ci-summary.ts --left-out LEFT-OUT.json      the archive files the build left out
 *   node scripts/ci-summary.ts --partitions ITEMS-DIR        `partitions=` and the build's matrix (scripts/ci/partitions.ts)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commitMessage } from '#scripts/ci/commit-message.ts';
import { leftOutMarkdown, parseLeftOutReport } from '#scripts/ci/left-out.ts';
import { partitionMatrix } from '#scripts/ci/partitions.ts';
import { parseSnapshotReport, ReportError } from '#scripts/ci/report.ts';
import { summaryMarkdown } from '#scripts/ci/summary.ts';

const usage =
  'Usage: node scripts/ci-summary.ts [--commit-message] REPORT.json | --left-out LEFT-OUT.json | --partitions ITEMS-DIR';

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      'commit-message': { type: 'boolean', default: false },
      'left-out': { type: 'boolean', default: false },
      partitions: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (positionals.length !== 1 || file === undefined) {
    console.error(usage);
    return 1;
  }
  if (values['left-out']) return printLeftOut(file);
  if (values.partitions) return printPartitions(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.error(`Cannot read the snapshot report ${file}: run npm run snapshot -- --json > ${file} first.`);
    return 1;
  }
  return writeParsed(() => {
    const report = parseSnapshotReport(text, file);
    return values['commit-message'] ? `${commitMessage(report)}\n` : summaryMarkdown(report);
  });
}

/** Writes what `render` makes of a report; a report that is not one is one line on stderr and exit 1. */
function writeParsed(render: () => string): number {
  try {
    process.stdout.write(render());
    return 0;
  } catch (error) {
    if (error instanceof ReportError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

/** A build that stopped before the content sync wrote no report: the summary says so and the step passes. */
function printLeftOut(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    process.stdout.write(
      '## Site build\n\nThe build wrote no list of left-out files: see the log of the build step.\n',
    );
    return 0;
  }
  return writeParsed(() => leftOutMarkdown(parseLeftOutReport(text, file)));
}

/** The `partitions=` output line of the workflow's plan step, for the archive in `itemsDir`. */
function printPartitions(itemsDir: string): number {
  let items: number;
  try {
    items = readdirSync(itemsDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).length;
  } catch {
    items = 0;
  }
  try {
    const matrix = partitionMatrix(items, process.env);
    process.stdout.write(`partitions=${JSON.stringify(matrix)}\n`);
    console.error(`${items} items: the site is built in ${matrix.length} partition(s).`);
    return 0;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(error.message);
    return 1;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? `${error.message}\n${usage}` : String(error));
  process.exitCode = 1;
}
