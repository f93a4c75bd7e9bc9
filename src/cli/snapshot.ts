/**
 * `feedshelf snapshot` (`npm run snapshot`): fetch every feed in the config and
 * archive its new and changed items. Flags to options, the archive's lock, the
 * run, and the report on the streams: a line per feed and a summary on stderr,
 * or the JSON report on stdout.
 *
 * Exit codes: 0 every feed succeeded; 2 some feed failed and the rest were
 * archived (1 with --strict); 1 bad config, unwritable archive, or every feed failed.
 */
import { join, resolve } from 'node:path';
import { archivePaths, buildPaths, mediaBeside, revisionsBeside } from '#src/archive/paths.ts';
import { recordChecks } from '#src/ingest/checks-fs.ts';
import { adHocFeeds, type FeedConfig, type FeedDefaults } from '#src/ingest/config.ts';
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { ConfigError } from '#src/ingest/errors.ts';
import { packageVersion, userAgent } from '#src/ingest/http.ts';
import { type ArchiveLock, acquireArchiveLock } from '#src/ingest/lock-fs.ts';
import { type AllowNetworks, allowNetworksFromEnv, parseAllowNetworks } from '#src/ingest/net-guard.ts';
import { exitCodeFor, formatFeedLine, formatSummary, reportToJson } from '#src/ingest/report.ts';
import { ensureArchiveWritable, runSnapshot } from '#src/ingest/snapshot.ts';
import type { CommandArgs } from './_argv.ts';
import { type CommandInput, command } from './_command.ts';
import { describeFailure } from './describe-failure.ts';
import type { CliIo } from './io.ts';
import { startProgress } from './snapshot-progress.ts';

const DEFAULT_WAIT_S = 600;

interface Feeds {
  feeds: FeedConfig[];
  defaults: FeedDefaults;
  allowNetworks: AllowNetworks;
}

/** The feeds to archive: the config's, the --feed ones, narrowed by --only. Throws ConfigError. */
async function selectFeeds(args: CommandArgs, io: CliIo): Promise<Feeds> {
  const config = args.string('config');
  const adHoc = args.strings('feed');
  let feeds: FeedConfig[] = [];
  let defaults: FeedDefaults = {};
  if (config !== undefined || adHoc.length === 0) {
    const loaded = await loadConfigFile(config ?? 'feeds.yaml');
    feeds = loaded.feeds;
    defaults = loaded.defaults;
  }
  feeds = [
    ...feeds,
    ...adHocFeeds(
      adHoc,
      feeds.map((feed) => feed.id),
      io.cwd,
    ),
  ];
  const only = args.strings('only');
  const unknown = only.filter((id) => !feeds.some((feed) => feed.id === id));
  if (unknown.length > 0) {
    const valid =
      feeds.length > 0 ? `valid ids: ${feeds.map((feed) => feed.id).join(', ')}` : 'the config has no feeds';
    throw new ConfigError(`--only names no configured feed: ${unknown.join(', ')}; ${valid}.`);
  }
  if (only.length > 0) feeds = feeds.filter((feed) => only.includes(feed.id));
  if (feeds.length === 0) throw new ConfigError('No feeds to archive; add feeds to the config or pass --feed URL.');
  const allowNetworks = [
    ...parseAllowNetworks(defaults.allowNetworks ?? [], 'defaults.allowNetworks'),
    ...allowNetworksFromEnv(io.env.FEEDSHELF_ALLOW_NETWORKS),
  ];
  return { feeds, defaults, allowNetworks };
}

/** The archive's folders: the project's, or beside --out. */
function folders(out: string | undefined, env: CliIo['env']) {
  if (out === undefined) return archivePaths;
  return {
    items: out,
    state: env.FEEDSHELF_STATE_DIR ?? join(out, '..', 'state'),
    revisions: env.FEEDSHELF_REVISIONS_DIR ?? revisionsBeside(out),
    media: env.FEEDSHELF_MEDIA_DIR ?? mediaBeside(out),
  };
}

async function snapshot({ io, args }: CommandInput): Promise<number> {
  let selected: Feeds;
  try {
    selected = await selectFeeds(args, io);
  } catch (error) {
    io.stderr.write(`${describeFailure(error, false, 'feedshelf snapshot')}\n`);
    return 1;
  }
  const { feeds, defaults, allowNetworks } = selected;
  const dirs = folders(args.string('out'), io.env);
  const noMedia = args.flag('no-media');
  const json = args.flag('json');
  const verbose = args.flag('verbose');
  const waitText = args.string('wait');
  const wait = waitText === undefined ? DEFAULT_WAIT_S : Number(waitText);
  if (!Number.isFinite(wait) || wait < 0) {
    io.stderr.write(`--wait takes a number of seconds (0 or more), not ${JSON.stringify(waitText)}.\n`);
    return 1;
  }
  const dryRun = args.flag('dry-run');
  const progress = startProgress(io, feeds.length);
  let lock: ArchiveLock | undefined;
  try {
    // A dry run writes nothing, so it neither needs nor blocks the lock.
    if (!dryRun) {
      await ensureArchiveWritable(dirs.items, dirs.state);
      lock = await acquireArchiveLock(dirs.state, { waitMs: wait * 1000 });
      if (lock.tookOverFrom) {
        const from = lock.tookOverFrom;
        progress.line(
          `Took over the lock of a snapshot that is no longer running (process ${from.pid}, since ${from.since}).`,
        );
      }
    }
    const now = io.env.FEEDSHELF_NOW ? new Date(io.env.FEEDSHELF_NOW) : new Date();
    const report = await runSnapshot({
      feeds: noMedia ? feeds.map(({ media: _media, ...feed }) => feed) : feeds,
      itemsDir: dirs.items,
      stateDir: dirs.state,
      revisionsDir: dirs.revisions,
      dryRun,
      ...(defaults.concurrency === undefined ? {} : { concurrency: defaults.concurrency }),
      ...(defaults.timeout === undefined ? {} : { timeoutMs: defaults.timeout * 1000 }),
      ...(defaults.maxBytes === undefined ? {} : { maxBytes: defaults.maxBytes }),
      userAgent: userAgent(packageVersion(), defaults.userAgent),
      allowNetworks,
      ...(defaults.fullText === undefined ? {} : { fullText: defaults.fullText }),
      ...(defaults.politeDelay === undefined ? {} : { politeDelayMs: defaults.politeDelay * 1000 }),
      mediaDir: dirs.media,
      ...(defaults.mediaLimits === undefined ? {} : { mediaLimits: defaults.mediaLimits }),
      ...(defaults.mediaMirrors === undefined ? {} : { mediaMirrors: defaults.mediaMirrors }),
      // --no-media wins over every feed's own setting.
      ...(noMedia ? { media: false } : defaults.media === undefined ? {} : { media: defaults.media }),
      // FEEDSHELF_NOW, undocumented: a fixed clock (ISO date) so tests can compare separate runs byte for byte.
      now,
      onProgress: (event) => progress.update(event),
      onFeedDone: (feed) => progress.feedDone(feed.id, formatFeedLine(feed, verbose)),
    });
    progress.end();
    if (!dryRun) {
      // When each feed was last checked, for the source pages; kept beside the build's caches, not in the archive.
      const checks = resolve(io.cwd, buildPaths.checks);
      await recordChecks(checks, now, report.feeds).catch((error: Error) =>
        io.stderr.write(`Could not record when the feeds were checked in ${checks}: ${error.message}\n`),
      );
    }
    if (json) io.stdout.write(reportToJson(report, verbose));
    else io.stderr.write(`\n${formatSummary(report)}\n`);
    return exitCodeFor(report, args.flag('strict'));
  } catch (error) {
    progress.end();
    io.stderr.write(`${describeFailure(error, verbose, 'feedshelf snapshot')}\n`);
    return 1;
  } finally {
    await lock?.release();
  }
}

export const snapshotCommand = command({
  meta: {
    name: 'snapshot',
    description: 'Fetch every feed in the config and archive its new and changed items as Markdown.',
  },
  args: {
    config: { type: 'string', valueHint: 'FILE', description: 'feed config', default: 'feeds.yaml' },
    feed: {
      type: 'string',
      valueHint: 'URL|PATH',
      description: 'archive this feed too; without --config only these',
    },
    out: {
      type: 'string',
      valueHint: 'DIR',
      description: `items folder (default: ${archivePaths.items}); state goes to DIR/../state,\nearlier versions of edited items to DIR/../revisions, images to DIR/../media`,
    },
    only: { type: 'string', valueHint: 'ID', description: 'only this feed id' },
    'dry-run': {
      type: 'boolean',
      description: 'show the items that would be archived; write nothing (and fetch no page or image)',
    },
    'no-media': { type: 'boolean', description: 'archive no images this run, whatever feeds.yaml says' },
    json: { type: 'boolean', description: 'print the report as JSON on stdout' },
    strict: { type: 'boolean', description: 'exit 1 when any feed failed' },
    wait: {
      type: 'string',
      valueHint: 'SECONDS',
      description: `how long to wait for another snapshot of the same archive\nto finish (default: ${DEFAULT_WAIT_S}); 0 fails at once`,
    },
    verbose: { type: 'boolean', description: 'show the causes of failures, every item left out and every alteration' },
  },
  repeatable: ['feed', 'only'],
  notes:
    'Progress: on a terminal, one line that updates itself on stderr; elsewhere (or with CI=true),\na plain line every 10 s of a long run.\n\nExit codes: 0 all feeds ok; 2 some feed failed; 1 bad config, unwritable archive or every feed failed.',
  action: snapshot,
});
