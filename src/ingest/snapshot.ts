/**
 * One snapshot run: every configured feed, fetched concurrently (bounded),
 * turned into new or updated Markdown items, with per-feed state kept so the
 * next run can ask politely (conditional GET, Retry-After, backoff, gone).
 *
 * Per feed: skip if gone or backing off (feed-state.ts) -> fetch (HTTP or
 * disk) -> decode -> parse -> include/exclude -> key + item hash -> plan
 * against the archive index -> convert only new/changed entries, in workers ->
 * validate and name each file (write-plan.ts) -> write atomically -> update
 * state. A failing feed is reported and never stops the others or touches
 * their files. Only a failing archive stops the run: full or read-only
 * storage rolls back every write of the run (journal-fs.ts) and throws.
 */
import { access, constants, mkdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { StoredImage } from '#src/archive/media.ts';
import { mediaBeside, revisionsBeside } from '#src/archive/paths.ts';
import type { FeedState } from '#src/archive/schema.ts';
import { FeedAlterationLog } from './alterations.ts';
import { type ArchiveIndex, readArchiveIndex } from './archive-fs.ts';
import type { FeedConfig } from './config.ts';
import { type LazyPool, lazyPool } from './convert-pool.ts';
import { decodeFeed } from './decode.ts';
import { type PlannedEntry, planEntries } from './dedupe.ts';
import { ArchiveError, FeedshelfError } from './errors.ts';
import {
  afterHttpFetch,
  type FeedOutcome,
  type FetchedBody,
  failedOutcome,
  skipReason,
  startingState,
  succeeded,
} from './feed-state.ts';
import { readFeedFile } from './fetch-fs.ts';
import { passesFilters } from './filters.ts';
import { type FullTextMode, nextPages } from './full-text.ts';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  userAgent as defaultUserAgent,
  fetchFeedUrl,
  packageVersion,
} from './http.ts';
import { itemKey } from './identity.ts';
import { entryHash } from './item-hash.ts';
import { createWriteJournal, type WriteJournal } from './journal-fs.ts';
import { archiveFeedMedia, DEFAULT_MEDIA_LIMITS, type MediaLimits, mediaBytes, readDownscaled } from './media-fs.ts';
import { type AllowNetworks, NO_ALLOWED_NETWORKS } from './net-guard.ts';
import { PageRun } from './page-run.ts';
import { parseFeed } from './parse.ts';
import { PoliteFetcher } from './polite-fetch.ts';
import { computeTotals, emptyCounts, type FeedReport, type SnapshotReport } from './report.ts';
import type { FeedMediaReport, FeedPreview } from './report-schema.ts';
import { checkRetractions, PRESENT_KEPT } from './retractions-fs.ts';
import { readState, statePath, writeState } from './state-fs.ts';
import { itemPath } from './write-fs.ts';
import { writeItems } from './write-items-fs.ts';

/** Pause between two requests to one host for pages, unless defaults.politeDelay says otherwise. */
export const DEFAULT_POLITE_DELAY_MS = 1000;

/** What a feed is doing, for a progress display: fetching, parsing, or writing its items (done of total). */
export type SnapshotProgress =
  | { feed: string; phase: 'fetching' | 'parsing' }
  | { feed: string; phase: 'writing'; done: number; total: number };

export interface SnapshotOptions {
  feeds: FeedConfig[];
  itemsDir: string;
  stateDir: string;
  /** Where updates keep the versions they replace (default: `revisions` beside the items folder). */
  revisionsDir?: string;
  /** Report what would change; write nothing. */
  dryRun?: boolean;
  /** Feeds fetched at once (default 4). */
  concurrency?: number;
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  /** The run's clock (default: now). */
  now?: Date;
  /** Worker threads for converting large feeds (default: the machine's parallelism; 0 or 1 converts inline). */
  workers?: number;
  /** fullText for feeds that do not set it (default never). */
  fullText?: FullTextMode;
  /** Networks URLs from feed content may reach although private or loopback (net-guard.ts). */
  allowNetworks?: AllowNetworks;
  /** Pause between two requests to one host for pages, in milliseconds (default 1,000). */
  politeDelayMs?: number;
  /** Archive the images items show, for feeds that do not say (default false; never on a dry run). */
  media?: boolean;
  /** Where images are stored (default: `media` beside the items folder). */
  mediaDir?: string;
  /** Caps: bytes of one image, its pixels, new bytes per feed and run, and the bytes of all images. */
  mediaLimits?: Partial<MediaLimits>;
  /** URL prefixes whose images are read from local folders instead of fetched. */
  mediaMirrors?: Readonly<Record<string, string>>;
  /** Called as each feed finishes. */
  onFeedDone?: (report: FeedReport) => void;
  /** Called as a feed moves on: fetched, parsed, each item written. */
  onProgress?: (event: SnapshotProgress) => void;
}

interface RunContext {
  itemsDir: string;
  stateDir: string;
  revisionsDir: string;
  now: Date;
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  pool: LazyPool;
  /** Undefined on a dry run: nothing is written. */
  journal: WriteJournal | undefined;
  fullText: FullTextMode;
  media: boolean;
  mediaDir: string;
  mediaLimits: MediaLimits;
  /** Bytes the archive's images may still grow by in this run (the budget less what is stored). */
  mediaRoom: { bytes: number };
  mediaStoring: Map<string, Promise<void>>;
  /** Scaled-down copies by their originals' SHA-256, read from the maps when downscaling is on. */
  mediaDownscaled: Map<string, StoredImage>;
  mediaMirrors: Readonly<Record<string, string>>;
  allow: AllowNetworks;
  /** The run's one polite fetcher for pages, made on first use. */
  fetcher: () => PoliteFetcher;
  progress: (event: SnapshotProgress) => void;
}

/** Feed bodies at least this large start the worker pool before parsing on a first ingest. */
const EARLY_POOL_BYTES = 512 * 1024;

async function ensureWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (cause) {
    throw new ArchiveError(
      `Archive folder ${dir} cannot be written; check the path given to --out and its permissions.`,
      { cause },
    );
  }
}

/** Creates the archive's folders, or throws an ArchiveError naming the one that cannot be written. */
export async function ensureArchiveWritable(itemsDir: string, stateDir: string): Promise<void> {
  await ensureWritable(itemsDir);
  await ensureWritable(stateDir);
}

/** Whether a failure is the archive's, which stops the run, rather than one feed's. */
function isArchiveFailure(error: unknown): boolean {
  return error instanceof FeedshelfError && error.kind === 'archive' && error.code !== 'state';
}

/** Run every feed; never throws for a feed's failure, only when the archive itself is unusable. */
export async function runSnapshot(options: SnapshotOptions): Promise<SnapshotReport> {
  const started = performance.now();
  // The config refuses a repeated id; two runs of one feed at once would write the same files.
  const ids = new Set<string>();
  for (const feed of options.feeds) {
    if (ids.has(feed.id)) throw new Error(`Feed id "${feed.id}" is listed twice; each feed needs an id of its own.`);
    ids.add(feed.id);
  }
  const dryRun = options.dryRun ?? false;
  if (!dryRun) await ensureArchiveWritable(options.itemsDir, options.stateDir);
  let fetcher: PoliteFetcher | undefined;
  const context: RunContext = {
    itemsDir: options.itemsDir,
    stateDir: options.stateDir,
    revisionsDir: options.revisionsDir ?? revisionsBeside(options.itemsDir),
    now: options.now ?? new Date(),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    userAgent: options.userAgent ?? defaultUserAgent(packageVersion()),
    pool: lazyPool(options.workers ?? availableParallelism()),
    journal: dryRun ? undefined : createWriteJournal(),
    fullText: options.fullText ?? 'never',
    media: !dryRun && (options.media ?? false),
    mediaDir: options.mediaDir ?? mediaBeside(options.itemsDir),
    mediaLimits: { ...DEFAULT_MEDIA_LIMITS, ...options.mediaLimits },
    mediaRoom: { bytes: 0 },
    mediaStoring: new Map(),
    mediaDownscaled: new Map(),
    mediaMirrors: options.mediaMirrors ?? {},
    allow: options.allowNetworks ?? NO_ALLOWED_NETWORKS,
    fetcher: () => {
      fetcher ??= new PoliteFetcher({
        allow: options.allowNetworks ?? NO_ALLOWED_NETWORKS,
        userAgent: context.userAgent,
        robotsAgent: 'feedshelf',
        timeoutMs: context.timeoutMs,
        maxBytes: context.maxBytes,
        delayMs: options.politeDelayMs ?? DEFAULT_POLITE_DELAY_MS,
      });
      return fetcher;
    },
    progress: options.onProgress ?? (() => {}),
  };
  const mediaUsed = context.media || options.feeds.some((feed) => feed.media) ? await mediaBytes(context.mediaDir) : 0;
  context.mediaRoom.bytes = Math.max(0, context.mediaLimits.budget - mediaUsed);
  if (mediaUsed > 0 && context.mediaLimits.downscale !== undefined) {
    context.mediaDownscaled = await readDownscaled(context.mediaDir);
  }
  const reports: FeedReport[] = new Array(options.feeds.length);
  let next = 0;
  let stop: { error: unknown } | undefined;
  const worker = async () => {
    while (stop === undefined && next < options.feeds.length) {
      const index = next++;
      const feed = options.feeds[index];
      if (!feed) continue;
      try {
        reports[index] = await runFeed(feed, context);
      } catch (error) {
        stop ??= { error };
        return;
      }
      options.onFeedDone?.(reports[index]);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, options.feeds.length));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await context.pool.close();
  }
  if (stop !== undefined) {
    await context.journal?.rollback();
    throw stop.error;
  }
  await context.journal?.finish();
  const totals = computeTotals(reports);
  if (reports.some((report) => report.media)) {
    totals.mediaTotalBytes = mediaUsed + (totals.mediaBytes ?? 0);
    totals.mediaBudget = context.mediaLimits.budget;
  }
  return {
    dryRun,
    feeds: reports,
    totals,
    durationMs: Math.round(performance.now() - started),
  };
}

async function runFeed(feed: FeedConfig, context: RunContext): Promise<FeedReport> {
  const started = performance.now();
  const finish = (outcome: Omit<FeedOutcome, 'state'>): FeedReport => ({
    id: feed.id,
    url: feed.url,
    status: outcome.status,
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    ...(outcome.code === undefined ? {} : { code: outcome.code }),
    ...(outcome.cause === undefined ? {} : { cause: outcome.cause }),
    counts: outcome.counts,
    warnings: outcome.warnings ?? [],
    ...(outcome.alterations === undefined ? {} : { alterations: outcome.alterations }),
    ...(outcome.pageFailures?.length ? { pageFailures: outcome.pageFailures } : {}),
    ...(outcome.media ? { media: outcome.media } : {}),
    ...(outcome.preview ? { preview: outcome.preview } : {}),
    durationMs: Math.round(performance.now() - started),
  });
  let stored: Awaited<ReturnType<typeof readState>>;
  try {
    stored = await readState(context.stateDir, feed.id);
  } catch (error) {
    return finish({ status: 'failed', counts: emptyCounts(), error: (error as Error).message, code: 'state' });
  }
  const state = startingState(feed, stored?.state);
  const skip = skipReason(feed.id, state, context.now, statePath(context.stateDir, feed.id));
  if (skip) return finish({ status: 'skipped', counts: emptyCounts(), ...skip });

  let outcome: FeedOutcome;
  try {
    context.progress({ feed: feed.id, phase: 'fetching' });
    const fetched = await fetchFeed(feed, state, context);
    outcome = fetched.kind === 'done' ? fetched.outcome : await archiveBody(feed, fetched, context);
  } catch (error) {
    if (isArchiveFailure(error)) throw error;
    outcome = failedOutcome(feed, state, error, context.now);
  }
  const journal = context.journal;
  if (journal) {
    try {
      await writeState(context.stateDir, outcome.state, stored?.text, (file, text) => journal.write(file, text));
    } catch (error) {
      if (isArchiveFailure(error)) throw error;
      return finish({
        ...outcome,
        status: 'failed',
        error: `State file ${statePath(context.stateDir, feed.id)} could not be written; check the folder's permissions.`,
        code: 'state',
        cause: (error as Error).message,
      });
    }
  }
  return finish(outcome);
}

/** The feed's bytes from disk or HTTP, or its outcome when the server's answer ends the run for it. */
async function fetchFeed(
  feed: FeedConfig,
  state: FeedState,
  context: RunContext,
): Promise<FetchedBody | { kind: 'done'; outcome: FeedOutcome }> {
  if (feed.path !== undefined) {
    return {
      kind: 'body',
      bytes: await readFeedFile(feed.path, feed.url, context.maxBytes),
      contentType: undefined,
      finalUrl: new URL(`file://${feed.path}`).href,
      next: succeeded(state),
      validatorsChanged: false,
    };
  }
  const result = await fetchFeedUrl(state.redirectedTo ?? feed.url, {
    ...(state.etag ? { etag: state.etag } : {}),
    ...(state.lastModified ? { lastModified: state.lastModified } : {}),
    timeoutMs: context.timeoutMs,
    maxBytes: context.maxBytes,
    userAgent: context.userAgent,
    now: context.now,
  });
  return afterHttpFetch(feed.id, state, result, context.now);
}

/** Parse a fetched body and archive its new and changed entries. */
async function archiveBody(feed: FeedConfig, fetched: FetchedBody, context: RunContext): Promise<FeedOutcome> {
  const index = await readArchiveIndex(context.itemsDir, feed.id);
  // A first ingest of a large feed converts nearly every entry: start the workers now, so they
  // load their modules while the feed is parsed instead of after it.
  if (index.byKey.size === 0 && fetched.bytes.byteLength >= EARLY_POOL_BYTES) context.pool.get();
  const alterations = new FeedAlterationLog();
  context.progress({ feed: feed.id, phase: 'parsing' });
  const decoded = decodeFeed(fetched.bytes, fetched.contentType);
  if (decoded.guessed) alterations.addFeed('encoding-guessed', decoded.guessed);
  const parsed = await parseFeed(decoded.text, fetched.finalUrl);
  const next = fetched.next;
  const title = feed.title ?? parsed.title;
  if (title) next.title = title;
  if (parsed.siteUrl) next.siteUrl = parsed.siteUrl;

  const counts = emptyCounts();
  const kept = parsed.entries.filter((entry) => passesFilters(entry, feed));
  counts.skipped += parsed.entries.length - kept.length;
  const plan = planEntries(
    kept.map((entry) => ({ entry, key: itemKey(entry), hash: entryHash(entry) })),
    index.byKey,
  );
  const mode = feed.fullText ?? context.fullText;
  const pages = mode === 'never' ? undefined : new PageRun(mode, context.fetcher, next.pages, context.now);
  const work: PlannedEntry[] = [];
  const restored: PlannedEntry[] = [];
  for (const planned of plan) {
    if (planned.action === 'duplicate') counts.skipped++;
    else if (planned.action === 'unchanged') {
      const archived = index.byKey.get(planned.key);
      if (pages?.wantsRefetch(planned, archived)) work.push({ ...planned, action: 'refetch' });
      else counts.unchanged++;
      if (archived?.retracted) restored.push(planned);
    } else work.push(planned);
  }
  const images: string[] | undefined = (feed.media ?? context.media) && context.journal ? [] : undefined;
  const preview: FeedPreview | undefined = context.journal ? undefined : { new: [], updated: [] };
  const warnings = await writeItems(feed, work, index, context, {
    counts,
    alterations,
    ...(pages ? { pages } : {}),
    ...(images ? { images } : {}),
    ...(preview ? { preview } : {}),
  });
  // The feed's image is set with the feed's next change, so an upgrade alone changes no byte of its state.
  if (next.image !== parsed.image && (next.image !== undefined || counts.new + counts.updated > 0)) {
    if (parsed.image) next.image = parsed.image;
    else delete next.image;
  }
  const media = images
    ? await archiveImages(feed, next.image ? [next.image, ...images] : images, index, context)
    : undefined;
  const present = new Set(plan.filter((planned) => planned.action !== 'duplicate').map((planned) => planned.key));
  if (pages) {
    const kept = nextPages(next.pages, pages.outcomes, present, context.now);
    if (kept) next.pages = kept;
    else delete next.pages;
    if (pages.failed > 0) counts.pagesFailed = pages.failed;
  }
  await checkRetractions(feed, index, next.present ?? [], present, restored, context, counts);
  // An archive from before `present` existed gets it with the feed's next change, so an upgrade
  // alone changes no byte of it.
  if (next.present !== undefined || counts.new + counts.updated > 0) {
    next.present = [...present].sort().slice(0, PRESENT_KEPT);
  }
  if (counts.new + counts.updated > 0 || fetched.validatorsChanged) next.lastSuccess = context.now.toISOString();
  const report = alterations.report();
  return {
    status: 'ok',
    counts,
    warnings,
    ...(report ? { alterations: report } : {}),
    ...(pages?.failures.length ? { pageFailures: pages.failures } : {}),
    ...(media && media.stored + media.failed + media.deferred > 0 ? { media } : {}),
    ...(preview && preview.new.length + preview.updated.length > 0 ? { preview } : {}),
    state: next,
  };
}

/** The feed's images: those of the items written this run, then a few of the older ones (backfill). */
async function archiveImages(
  feed: FeedConfig,
  images: readonly string[],
  index: ArchiveIndex,
  context: RunContext,
): Promise<FeedMediaReport> {
  const run = await archiveFeedMedia(
    feed.id,
    images,
    {
      mediaDir: context.mediaDir,
      allow: context.allow,
      userAgent: context.userAgent,
      timeoutMs: context.timeoutMs,
      maxImageBytes: context.mediaLimits.imageBytes,
      maxPixels: context.mediaLimits.pixels,
      maxFeedBytes: context.mediaLimits.feedBytes,
      room: context.mediaRoom,
      storing: context.mediaStoring,
      downscaled: context.mediaDownscaled,
      ...(context.mediaLimits.downscale === undefined ? {} : { downscale: context.mediaLimits.downscale }),
      mirrors: context.mediaMirrors,
      now: context.now,
      journal: context.journal,
    },
    {
      stems: [...index.stems],
      read: (stem) => readFile(itemPath(context.itemsDir, feed.id, stem), 'utf8').catch(() => undefined),
    },
  );
  return run;
}
