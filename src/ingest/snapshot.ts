/**
 * One snapshot run: every configured feed, fetched concurrently (bounded),
 * turned into new or updated Markdown items, with per-feed state kept so the
 * next run can ask politely (conditional GET, Retry-After, backoff, gone).
 *
 * Per feed: skip if gone or backing off -> fetch (HTTP or disk) -> decode ->
 * parse -> include/exclude -> key + raw hash -> plan against the archive
 * index -> convert only new/changed entries -> validate with ItemSchema ->
 * write atomically -> update state. A failing feed is reported and never
 * stops the others or touches their files.
 *
 * Backoff: after a failed HTTP fetch the feed is skipped until
 * lastAttempt + min(2^failures hours, 24 hours); a 429/503 with Retry-After
 * uses that time instead, at most 7 days ahead. Local files are retried every run.
 */
import { access, constants, mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { renderItemFile } from '#src/archive/frontmatter.ts';
import { type FeedState, FeedStateSchema, ItemSchema } from '#src/archive/schema.ts';
import { readArchiveIndex } from './archive-fs.ts';
import type { FeedConfig, FeedFilter } from './config.ts';
import { type ConvertPool, createConvertPool } from './convert-pool.ts';
import { decodeFeedBytes } from './decode.ts';
import { type PlannedEntry, planEntries, shortHash } from './dedupe.ts';
import { FeedError } from './errors.ts';
import { readFeedFile } from './fetch-fs.ts';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  userAgent as defaultUserAgent,
  fetchFeedUrl,
  MAX_RETRY_AFTER_MS,
  packageVersion,
  retryAfterCapNote,
} from './http.ts';
import { itemFileStem, itemKey, rawHash } from './identity.ts';
import { parseFeed } from './parse.ts';
import {
  computeTotals,
  emptyCounts,
  type FeedReport,
  type FeedStatus,
  type ItemCounts,
  type ItemWarning,
  invalidItemReason,
  itemWarning,
  type SnapshotReport,
} from './report.ts';
import { readState, sameFeedLocation, statePath, writeState } from './state-fs.ts';
import { convertEntry } from './to-markdown.ts';
import type { ConvertedItem, FeedEntry } from './types.ts';
import { containedPath, isSafeSegment, itemPath, writeFileAtomic } from './write-fs.ts';

export interface SnapshotOptions {
  feeds: FeedConfig[];
  itemsDir: string;
  stateDir: string;
  /** Report what would change; write nothing. */
  dryRun?: boolean;
  /** Feeds fetched at once (default 4). */
  concurrency?: number;
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  /** The run's clock (default: now). */
  now?: Date;
  /** Accepted for the CLI's exit code; the run itself always archives every feed it can. */
  strict?: boolean;
  /** Worker threads for converting large feeds (default: the machine's parallelism; 0 or 1 converts inline). */
  workers?: number;
  /** Called as each feed finishes. */
  onFeedDone?: (report: FeedReport) => void;
}

/** The archive folder cannot be created or written. */
export class ArchiveError extends Error {
  readonly code = 'archive';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ArchiveError';
  }
}

const HOUR_MS = 3_600_000;

/** How long to wait after `failures` consecutive failures: 2^failures hours, at most 24 hours. */
export function backoffMs(failures: number): number {
  return Math.min(2 ** failures * HOUR_MS, 24 * HOUR_MS);
}

async function ensureWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (cause) {
    throw new ArchiveError(
      `Archive folder ${dir} cannot be written; check the path given to --out and its permissions.`,
      {
        cause,
      },
    );
  }
}

/** Run every feed; never throws for a feed's failure, only when the archive itself is unusable. */
export async function runSnapshot(options: SnapshotOptions): Promise<SnapshotReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  if (!dryRun) {
    await ensureWritable(options.itemsDir);
    await ensureWritable(options.stateDir);
  }
  const context: RunContext = {
    itemsDir: options.itemsDir,
    stateDir: options.stateDir,
    dryRun,
    now: options.now ?? new Date(),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    userAgent: options.userAgent ?? defaultUserAgent(packageVersion()),
    pool: lazyPool(options.workers ?? availableParallelism()),
  };
  const reports: FeedReport[] = new Array(options.feeds.length);
  let next = 0;
  const worker = async () => {
    while (next < options.feeds.length) {
      const index = next++;
      const feed = options.feeds[index];
      if (!feed) continue;
      const report = await runFeed(feed, context);
      reports[index] = report;
      options.onFeedDone?.(report);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, options.feeds.length));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await context.pool.close();
  }
  return {
    dryRun,
    feeds: reports,
    totals: computeTotals(reports),
    durationMs: Math.round(performance.now() - started),
  };
}

interface RunContext {
  itemsDir: string;
  stateDir: string;
  dryRun: boolean;
  now: Date;
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  pool: LazyPool;
}

/** Feeds with at least this many items to convert use the worker pool. */
const POOL_THRESHOLD = 64;
/** Feed bodies at least this large start the worker pool before parsing on a first ingest. */
const EARLY_POOL_BYTES = 512 * 1024;
/** Conversions started ahead of the item being written, so both workers stay busy. */
const CONVERT_WINDOW = 64;
/** Item files written at once. */
const WRITE_CONCURRENCY = 8;

interface LazyPool {
  /** The pool, started on first use; undefined when conversion runs inline. */
  get(): ConvertPool | undefined;
  close(): Promise<void>;
}

function lazyPool(size: number): LazyPool {
  let pool: ConvertPool | undefined;
  return {
    get() {
      if (size > 1 && !pool) pool = createConvertPool(size);
      return pool;
    },
    async close() {
      await pool?.close();
    },
  };
}

/** What a feed's processing produced, before it becomes a report. */
interface FeedOutcome {
  status: FeedStatus;
  counts: ItemCounts;
  /** Entries left out because they failed conversion or validation. */
  warnings?: ItemWarning[];
  state: FeedState;
  error?: string;
  code?: string;
  cause?: string;
}

function causeText(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return cause === undefined ? undefined : String(cause);
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
    durationMs: Math.round(performance.now() - started),
  });
  let stored: Awaited<ReturnType<typeof readState>>;
  try {
    stored = await readState(context.stateDir, feed.id);
  } catch (error) {
    return finish({ status: 'failed', counts: emptyCounts(), error: (error as Error).message, code: 'state' });
  }
  const state = startingState(feed, stored?.state);
  const skip = skipReason(feed, state, context);
  if (skip) return finish({ status: 'skipped', counts: emptyCounts(), ...skip });

  let outcome: FeedOutcome;
  try {
    outcome = await processFeed(feed, state, context);
  } catch (error) {
    outcome = failure(feed, state, error, context);
  }
  if (!context.dryRun) {
    try {
      await writeState(context.stateDir, outcome.state, stored?.text);
    } catch (error) {
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

/** The stored state, reset when the configured URL changed (new URL, fresh start). */
function startingState(feed: FeedConfig, stored: FeedState | undefined): FeedState {
  if (stored && sameFeedLocation(stored.url, feed.url)) return { ...stored, url: feed.url };
  return FeedStateSchema.parse({ id: feed.id, url: feed.url, ...(stored?.title ? { title: stored.title } : {}) });
}

function skipReason(
  feed: FeedConfig,
  state: FeedState,
  context: RunContext,
): { error: string; code: string } | undefined {
  if (state.gone) {
    const file = statePath(context.stateDir, feed.id);
    return {
      code: 'gone',
      error: `Feed ${feed.id} answered 410 Gone earlier; remove it from the config, or delete ${file} to try again.`,
    };
  }
  const until = heldUntil(state);
  if (until !== undefined && until > context.now.getTime()) {
    const after = state.failures > 0 ? ` after ${state.failures} failed attempt${state.failures === 1 ? '' : 's'}` : '';
    return { code: 'backoff', error: `Feed ${feed.id} is skipped until ${new Date(until).toISOString()}${after}.` };
  }
  return undefined;
}

/**
 * The stored retryAfter, held to MAX_RETRY_AFTER_MS after the attempt that
 * set it, so a state file written before Retry-After was capped cannot stop
 * a feed for years either.
 */
function heldUntil(state: FeedState): number | undefined {
  if (!state.retryAfter) return undefined;
  const until = Date.parse(state.retryAfter);
  const attempt = state.lastAttempt ? Date.parse(state.lastAttempt) : Number.NaN;
  return Number.isNaN(attempt) ? until : Math.min(until, attempt + MAX_RETRY_AFTER_MS);
}

function failure(feed: FeedConfig, state: FeedState, error: unknown, context: RunContext): FeedOutcome {
  const expected = error instanceof FeedError;
  const message = expected
    ? error.message
    : `Feed ${feed.id} failed unexpectedly: ${(error as Error).message ?? String(error)}`;
  const failures = state.failures + 1;
  const nowIso = context.now.toISOString();
  const next: FeedState = { ...state, failures, lastAttempt: nowIso, lastError: message };
  if (feed.path === undefined) {
    next.retryAfter = new Date(context.now.getTime() + backoffMs(failures)).toISOString();
  } else {
    delete next.retryAfter;
  }
  const cause = causeText(error);
  return {
    status: 'failed',
    counts: emptyCounts(),
    state: next,
    error: message,
    code: expected ? error.code : 'unexpected',
    ...(cause === undefined ? {} : { cause }),
  };
}

/** Success resets the failure bookkeeping; the rest of the state is carried over. */
function succeeded(state: FeedState): FeedState {
  const next: FeedState = { ...state, failures: 0 };
  delete next.lastAttempt;
  delete next.lastError;
  delete next.retryAfter;
  return next;
}

async function processFeed(feed: FeedConfig, state: FeedState, context: RunContext): Promise<FeedOutcome> {
  let bytes: Uint8Array;
  let contentType: string | undefined;
  let feedUrl = feed.url;
  const next = succeeded(state);
  let validatorsChanged = false;
  if (feed.path !== undefined) {
    bytes = await readFeedFile(feed.path, feed.url, context.maxBytes);
    feedUrl = new URL(`file://${feed.path}`).href;
  } else {
    const url = state.redirectedTo ?? feed.url;
    const result = await fetchFeedUrl(url, {
      ...(state.etag ? { etag: state.etag } : {}),
      ...(state.lastModified ? { lastModified: state.lastModified } : {}),
      timeoutMs: context.timeoutMs,
      maxBytes: context.maxBytes,
      userAgent: context.userAgent,
      now: context.now,
    });
    if (result.permanentRedirect && result.permanentRedirect !== state.redirectedTo) {
      next.redirectedTo = result.permanentRedirect;
      validatorsChanged = true;
    }
    if (result.kind === 'not-modified') {
      if (validatorsChanged) next.lastSuccess = context.now.toISOString();
      return { status: 'not-modified', counts: emptyCounts(), state: next };
    }
    if (result.kind === 'gone') {
      const gone: FeedState = { ...next, gone: true, lastAttempt: context.now.toISOString() };
      const error = `Feed ${feed.id} answered 410 Gone; later runs skip it.`;
      gone.lastError = error;
      return { status: 'failed', counts: emptyCounts(), state: gone, error, code: 'gone' };
    }
    if (result.kind === 'throttled') {
      const failures = state.failures + 1;
      const retryAfter = result.retryAfter ?? new Date(context.now.getTime() + backoffMs(failures));
      const capped =
        result.retryAfterRequestedMs === undefined ? '' : ` (${retryAfterCapNote(result.retryAfterRequestedMs)})`;
      const error = `Feed ${feed.id} answered HTTP ${result.status}; skipped until ${retryAfter.toISOString()}${capped}.`;
      const throttled: FeedState = {
        ...state,
        ...(next.redirectedTo ? { redirectedTo: next.redirectedTo } : {}),
        failures,
        lastAttempt: context.now.toISOString(),
        lastError: error,
        retryAfter: retryAfter.toISOString(),
      };
      return { status: 'failed', counts: emptyCounts(), state: throttled, error, code: 'throttled' };
    }
    bytes = result.body;
    contentType = result.contentType;
    feedUrl = result.finalUrl;
    if (result.etag !== state.etag || result.lastModified !== state.lastModified) validatorsChanged = true;
    if (result.etag) next.etag = result.etag;
    else delete next.etag;
    if (result.lastModified) next.lastModified = result.lastModified;
    else delete next.lastModified;
  }

  const index = await readArchiveIndex(context.itemsDir, feed.id);
  // A first ingest of a large feed converts nearly every entry: start the workers now, so they
  // load their modules while the feed is parsed instead of after it.
  if (index.byKey.size === 0 && bytes.byteLength >= EARLY_POOL_BYTES) context.pool.get();
  const parsed = await parseFeed(decodeFeedBytes(bytes, contentType), feedUrl);
  const title = feed.title ?? parsed.title;
  if (title) next.title = title;
  if (parsed.siteUrl) next.siteUrl = parsed.siteUrl;

  const counts = emptyCounts();
  const warnings: ItemWarning[] = [];
  const kept = parsed.entries.filter((entry) => passesFilters(entry, feed));
  counts.skipped += parsed.entries.length - kept.length;
  const plan = planEntries(
    kept.map((entry) => ({ entry, key: itemKey(entry), hash: rawHash(entry) })),
    index.byKey,
  );
  const usedStems = new Set(index.stems);
  const nowIso = context.now.toISOString();
  const work: PlannedEntry[] = [];
  for (const planned of plan) {
    if (planned.action === 'duplicate') counts.skipped++;
    else if (planned.action === 'unchanged') counts.unchanged++;
    else work.push(planned);
  }
  const pool = work.length >= POOL_THRESHOLD ? context.pool.get() : undefined;
  const writer = boundedWriter(WRITE_CONCURRENCY);
  let folderReady: Promise<void> | undefined;
  const start = (planned: PlannedEntry) =>
    convert(planned, feed, index.byKey.get(planned.key)?.firstSeen ?? nowIso, nowIso, pool);
  // Conversions run ahead of the writer by a bounded window, so the workers never wait for the disk.
  const converting: (ReturnType<typeof start> | undefined)[] = work.slice(0, CONVERT_WINDOW).map(start);
  try {
    for (const [i, planned] of work.entries()) {
      const result = (await converting[i]) ?? { reason: 'it could not be converted' };
      converting[i] = undefined;
      const ahead = work[i + CONVERT_WINDOW];
      if (ahead) converting[i + CONVERT_WINDOW] = start(ahead);
      // Planned one by one in feed order, so file stems are assigned the same way every run.
      const planOrReason =
        'reason' in result
          ? result.reason
          : planWrite(planned, result.item, feed, index.byKey.get(planned.key), usedStems, context, nowIso);
      if (typeof planOrReason === 'string') {
        counts.skipped++;
        warnings.push(itemWarning(planned.entry, planOrReason));
        continue;
      }
      if (planned.action === 'new') counts.new++;
      else counts.updated++;
      if (planOrReason === undefined) continue;
      folderReady ??= ensureFeedFolder(context.itemsDir, feed.id);
      await folderReady;
      await writer.add(() => writeFileAtomic(planOrReason.file, planOrReason.text, { folderExists: true }));
    }
  } catch (error) {
    // No write may outlive the feed's failure, so the state written next is the last thing it does.
    await writer.idle();
    throw error;
  }
  await writer.drain();
  if (counts.new + counts.updated > 0 || validatorsChanged) next.lastSuccess = nowIso;
  return { status: 'ok', counts, warnings, state: next };
}

/** A file stem for a new item that is safe and not taken in the feed's folder. */
function freshStem(planned: PlannedEntry, published: string, usedStems: Set<string>): string {
  const proposed = itemFileStem(planned.entry, published, planned.key);
  const base = isSafeSegment(proposed) ? proposed : `item-${shortHash(planned.key)}`;
  for (const candidate of [
    base,
    `${base}-${shortHash(planned.key)}`,
    `${base}-${shortHash(`${planned.key}\n${planned.hash}`)}`,
  ]) {
    if (!usedStems.has(candidate)) return candidate;
  }
  return `${base}-${shortHash(`${planned.key}\n${planned.hash}\n${usedStems.size}`)}`;
}

/** Convert one entry (in a worker when a pool is given), or say why the converter rejected it. */
async function convert(
  planned: PlannedEntry,
  feed: FeedConfig,
  firstSeen: string,
  nowIso: string,
  pool: ConvertPool | undefined,
): Promise<{ item: ConvertedItem } | { reason: string }> {
  const ctx = { source: feed.id, extraTags: feed.tags ?? [], firstSeen, now: nowIso };
  try {
    return { item: pool ? await pool.convert(planned.entry, ctx) : convertEntry(planned.entry, ctx) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { reason: `it could not be converted: ${message}` };
  }
}

/**
 * Validate one converted item and give it a file: the file and its bytes, undefined on a dry run,
 * or the reason it was left out when it fails ItemSchema.
 */
function planWrite(
  planned: PlannedEntry,
  converted: ConvertedItem,
  feed: FeedConfig,
  existing: { stem: string; firstSeen: string } | undefined,
  usedStems: Set<string>,
  context: RunContext,
  nowIso: string,
): { file: string; text: string } | string | undefined {
  const frontmatter = inSchemaOrder({
    ...converted.frontmatter,
    id: planned.key,
    hash: planned.hash,
    ...(existing ? { updated: nowIso } : {}),
  });
  const valid = ItemSchema.safeParse(frontmatter);
  if (!valid.success) return invalidItemReason(valid.error.issues);
  const stem = existing?.stem ?? freshStem(planned, valid.data.published.toISOString(), usedStems);
  usedStems.add(stem);
  if (context.dryRun) return undefined;
  return {
    file: itemPath(context.itemsDir, feed.id, stem),
    text: renderItemFile({ frontmatter, body: converted.body }),
  };
}

async function ensureFeedFolder(itemsDir: string, feedId: string): Promise<void> {
  await mkdir(containedPath(itemsDir, feedId), { recursive: true });
}

interface BoundedWriter {
  /** Start `write`, after waiting while `limit` writes are in flight; throws the first failure seen. */
  add(write: () => Promise<void>): Promise<void>;
  /** Wait for every write; throws the first failure. */
  drain(): Promise<void>;
  /** Wait for every write, ignoring failures. */
  idle(): Promise<void>;
}

/**
 * Item writes in flight at once. Each write waits mostly on fsync, so a few at
 * a time keep the disk busy (a journaling file system commits them together) without
 * holding many files open. A failure stops new writes and is raised once the
 * ones in flight have settled, so the feed fails as a whole, as before.
 */
function boundedWriter(limit: number): BoundedWriter {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const settle = async () => {
    await Promise.allSettled(inFlight);
    if (failure) throw failure.error;
  };
  return {
    async add(write) {
      if (failure) return settle();
      while (inFlight.size >= limit) await Promise.race(inFlight);
      if (failure) return settle();
      const running: Promise<void> = write().then(
        () => {
          inFlight.delete(running);
        },
        (error: unknown) => {
          inFlight.delete(running);
          failure ??= { error };
        },
      );
      inFlight.add(running);
    },
    drain: settle,
    async idle() {
      await Promise.allSettled(inFlight);
    },
  };
}

/** Frontmatter keys in ItemSchema order (then any others), undefined values left out: stable bytes. */
function inSchemaOrder(frontmatter: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of [...Object.keys(ItemSchema.shape), ...Object.keys(frontmatter)]) {
    const value = frontmatter[key];
    if (value !== undefined && !(key in ordered)) ordered[key] = value;
  }
  return ordered;
}

function matchesFilter(entry: FeedEntry, filter: FeedFilter): boolean {
  const title = entry.title ?? '';
  if (filter.title?.some((source) => new RegExp(source, 'iu').test(title))) return true;
  const tags = new Set(entry.categories.map((tag) => tag.toLowerCase()));
  return filter.tags?.some((tag) => tags.has(tag.toLowerCase())) ?? false;
}

/** Include keeps only matching entries; exclude then drops matching ones. */
export function passesFilters(entry: FeedEntry, feed: Pick<FeedConfig, 'include' | 'exclude'>): boolean {
  if (feed.include && !matchesFilter(entry, feed.include)) return false;
  if (feed.exclude && matchesFilter(entry, feed.exclude)) return false;
  return true;
}
