/**
 * npm run snapshot -- [--config FILE] [--feed URL|PATH]... [--out DIR] [--only ID]...
 *                     [--dry-run] [--json] [--strict] [--verbose] [--help]
 *
 * Exit codes: 0 every feed succeeded; 2 some feed failed and the rest were
 * archived (1 with --strict); 1 bad config, unwritable archive, or every feed failed.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { archivePaths } from '#src/archive/paths.ts';
import { adHocFeeds, ConfigError, type FeedConfig, type FeedDefaults } from '#src/ingest/config.ts';
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { packageVersion, userAgent } from '#src/ingest/http.ts';
import { exitCodeFor, formatFeedLine, formatSummary, reportToJson } from '#src/ingest/report.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';

const HELP = `Usage: npm run snapshot -- [options]

Fetch every feed in the config and archive its items as Markdown.

  --config FILE     feed config (default: feeds.yaml)
  --feed URL|PATH   archive this feed too (repeatable); without --config only these
  --out DIR         items folder (default: ${archivePaths.items}); state goes to DIR/../state
  --only ID         only this feed id (repeatable)
  --dry-run         report what would change; write nothing
  --json            print the report as JSON on stdout
  --strict          exit 1 when any feed failed
  --verbose         show the causes of failures
  --help            show this help

Exit codes: 0 all feeds ok; 2 some feed failed; 1 bad config, unwritable archive or every feed failed.`;

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nRun with --help for usage.\n`);
    return 1;
  }
  const { values } = args;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const adHoc = values.feed ?? [];
  let feeds: FeedConfig[] = [];
  let defaults: FeedDefaults = {};
  try {
    if (values.config !== undefined || adHoc.length === 0) {
      const config = await loadConfigFile(values.config ?? 'feeds.yaml');
      feeds = config.feeds;
      defaults = config.defaults;
    }
    feeds = [
      ...feeds,
      ...adHocFeeds(
        adHoc,
        feeds.map((feed) => feed.id),
        process.cwd(),
      ),
    ];
    const only = values.only ?? [];
    const unknown = only.filter((id) => !feeds.some((feed) => feed.id === id));
    if (unknown.length > 0) {
      throw new ConfigError(`--only names no configured feed: ${unknown.join(', ')}; check the ids in the config.`);
    }
    if (only.length > 0) feeds = feeds.filter((feed) => only.includes(feed.id));
    if (feeds.length === 0) throw new ConfigError('No feeds to archive; add feeds to the config or pass --feed URL.');
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }

  const itemsDir = values.out ?? archivePaths.items;
  const stateDir =
    values.out === undefined
      ? archivePaths.state
      : (process.env.FEEDSHELF_STATE_DIR ?? join(values.out, '..', 'state'));
  const json = values.json ?? false;
  const verbose = values.verbose ?? false;
  try {
    const report = await runSnapshot({
      feeds,
      itemsDir,
      stateDir,
      dryRun: values['dry-run'] ?? false,
      strict: values.strict ?? false,
      ...(defaults.concurrency === undefined ? {} : { concurrency: defaults.concurrency }),
      ...(defaults.timeout === undefined ? {} : { timeoutMs: defaults.timeout * 1000 }),
      ...(defaults.maxBytes === undefined ? {} : { maxBytes: defaults.maxBytes }),
      userAgent: userAgent(packageVersion(), defaults.userAgent),
      // Undocumented: a fixed clock (ISO date) so tests can compare separate runs byte for byte.
      ...(process.env.FEEDSHELF_NOW ? { now: new Date(process.env.FEEDSHELF_NOW) } : {}),
      onFeedDone: (feed) => process.stderr.write(`${formatFeedLine(feed, verbose)}\n`),
    });
    if (json) process.stdout.write(reportToJson(report, verbose));
    else process.stderr.write(`\n${formatSummary(report)}\n`);
    return exitCodeFor(report, values.strict ?? false);
  } catch (error) {
    const cause =
      verbose && error instanceof Error && error.cause instanceof Error ? `\ncause: ${error.cause.message}` : '';
    process.stderr.write(`${(error as Error).message}${cause}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: 'string' },
      feed: { type: 'string', multiple: true },
      out: { type: 'string' },
      only: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));
