/**
 * npm run snapshot -- [--config FILE] [--feed URL|PATH]... [--out DIR] [--only ID]...
 *                     [--dry-run] [--json] [--strict] [--wait SECONDS] [--verbose] [--help]
 *
 * Exit codes: 0 every feed succeeded; 2 some feed failed and the rest were
 * archived (1 with --strict); 1 bad config, unwritable archive, or every feed failed.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { archivePaths, mediaBeside, revisionsBeside } from '#src/archive/paths.ts';
import { adHocFeeds, type FeedConfig, type FeedDefaults } from '#src/ingest/config.ts';
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { ConfigError, FeedshelfError } from '#src/ingest/errors.ts';
import { packageVersion, userAgent } from '#src/ingest/http.ts';
import { type ArchiveLock, acquireArchiveLock } from '#src/ingest/lock-fs.ts';
import { type AllowNetworks, allowNetworksFromEnv, parseAllowNetworks } from '#src/ingest/net-guard.ts';
import { exitCodeFor, formatFeedLine, formatSummary, reportToJson } from '#src/ingest/report.ts';
import { ensureArchiveWritable, runSnapshot } from '#src/ingest/snapshot.ts';

const DEFAULT_WAIT_S = 600;

const HELP = `Usage: npm run snapshot -- [options]

Fetch every feed in the config and archive its items as Markdown.

  --config FILE     feed config (default: feeds.yaml)
  --feed URL|PATH   archive this feed too (repeatable); without --config only these
  --out DIR         items folder (default: ${archivePaths.items}); state goes to DIR/../state,
                    earlier versions of edited items to DIR/../revisions, images to DIR/../media
  --only ID         only this feed id (repeatable)
  --dry-run         report what would change; write nothing (and fetch no page or image)
  --no-media        archive no images this run, whatever feeds.yaml says
  --json            print the report as JSON on stdout
  --strict          exit 1 when any feed failed
  --wait SECONDS    how long to wait for another snapshot of the same archive
                    to finish (default: ${DEFAULT_WAIT_S}); 0 fails at once
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
  let allowNetworks: AllowNetworks = [];
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
    allowNetworks = [
      ...parseAllowNetworks(defaults.allowNetworks ?? [], 'defaults.allowNetworks'),
      ...allowNetworksFromEnv(process.env.FEEDSHELF_ALLOW_NETWORKS),
    ];
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }

  const itemsDir = values.out ?? archivePaths.items;
  const stateDir =
    values.out === undefined
      ? archivePaths.state
      : (process.env.FEEDSHELF_STATE_DIR ?? join(values.out, '..', 'state'));
  const revisionsDir =
    values.out === undefined
      ? archivePaths.revisions
      : (process.env.FEEDSHELF_REVISIONS_DIR ?? revisionsBeside(values.out));
  const mediaDir =
    values.out === undefined ? archivePaths.media : (process.env.FEEDSHELF_MEDIA_DIR ?? mediaBeside(values.out));
  const noMedia = values['no-media'] ?? false;
  const json = values.json ?? false;
  const verbose = values.verbose ?? false;
  const wait = values.wait === undefined ? DEFAULT_WAIT_S : Number(values.wait);
  if (!Number.isFinite(wait) || wait < 0) {
    process.stderr.write(`--wait takes a number of seconds (0 or more), not ${JSON.stringify(values.wait)}.\n`);
    return 1;
  }
  let lock: ArchiveLock | undefined;
  try {
    const dryRun = values['dry-run'] ?? false;
    // A dry run writes nothing, so it neither needs nor blocks the lock.
    if (!dryRun) {
      await ensureArchiveWritable(itemsDir, stateDir);
      lock = await acquireArchiveLock(stateDir, { waitMs: wait * 1000 });
      if (lock.tookOverFrom) {
        const from = lock.tookOverFrom;
        process.stderr.write(
          `Took over the lock of a snapshot that is no longer running (process ${from.pid}, since ${from.since}).\n`,
        );
      }
    }
    const report = await runSnapshot({
      feeds,
      itemsDir,
      stateDir,
      revisionsDir,
      dryRun,
      ...(defaults.concurrency === undefined ? {} : { concurrency: defaults.concurrency }),
      ...(defaults.timeout === undefined ? {} : { timeoutMs: defaults.timeout * 1000 }),
      ...(defaults.maxBytes === undefined ? {} : { maxBytes: defaults.maxBytes }),
      userAgent: userAgent(packageVersion(), defaults.userAgent),
      allowNetworks,
      ...(defaults.fullText === undefined ? {} : { fullText: defaults.fullText }),
      ...(defaults.politeDelay === undefined ? {} : { politeDelayMs: defaults.politeDelay * 1000 }),
      mediaDir,
      ...(defaults.mediaLimits === undefined ? {} : { mediaLimits: defaults.mediaLimits }),
      ...(defaults.mediaMirrors === undefined ? {} : { mediaMirrors: defaults.mediaMirrors }),
      // --no-media wins over every feed's own setting.
      ...(noMedia ? { media: false } : defaults.media === undefined ? {} : { media: defaults.media }),
      ...(noMedia ? { feeds: feeds.map(({ media: _media, ...feed }) => feed) } : {}),
      // Undocumented: a fixed clock (ISO date) so tests can compare separate runs byte for byte.
      ...(process.env.FEEDSHELF_NOW ? { now: new Date(process.env.FEEDSHELF_NOW) } : {}),
      onFeedDone: (feed) => process.stderr.write(`${formatFeedLine(feed, verbose)}\n`),
    });
    if (json) process.stdout.write(reportToJson(report, verbose));
    else process.stderr.write(`\n${formatSummary(report)}\n`);
    return exitCodeFor(report, values.strict ?? false);
  } catch (error) {
    process.stderr.write(`${describeFailure(error, verbose)}\n`);
    return 1;
  } finally {
    await lock?.release();
  }
}

/** One line for an expected failure; a bug report request, with the stack, for anything else. */
function describeFailure(error: unknown, verbose: boolean): string {
  if (error instanceof FeedshelfError) {
    const cause = verbose && error.cause instanceof Error ? `\ncause: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `feedshelf bug: the snapshot failed unexpectedly. Please report it with this output.\n${detail}`;
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
      'no-media': { type: 'boolean' },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      wait: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));
