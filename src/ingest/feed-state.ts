/**
 * A feed's fetch state from one run to the next, as pure transitions: whether
 * to skip it (gone, backing off), what a failure or a success leaves behind,
 * and what each answer of the server means for the state.
 *
 * Backoff: after a failed HTTP fetch the feed is skipped until
 * lastAttempt + min(2^failures hours, 24 hours); a 429/503 with Retry-After
 * uses that time instead, at most 7 days ahead. Local files are retried every run.
 */
import { isPublicUrl } from '#src/archive/public.ts';
import { type FeedState, FeedStateSchema } from '#src/archive/schema.ts';
import type { FeedConfig } from './config.ts';
import { FeedError } from './errors.ts';
import { type HttpFetchResult, MAX_RETRY_AFTER_MS, retryAfterCapNote } from './http.ts';
import { emptyCounts, type FeedAlterations, type FeedStatus, type ItemCounts, type ItemWarning } from './report.ts';
import type { FeedMediaReport, FeedPreview } from './report-schema.ts';

const HOUR_MS = 3_600_000;

/** What a feed's processing produced, before it becomes a report. */
export interface FeedOutcome {
  status: FeedStatus;
  counts: ItemCounts;
  /** Entries left out because they failed conversion or validation. */
  warnings?: ItemWarning[];
  /** What was removed or rewritten for safety or format. */
  alterations?: FeedAlterations;
  /** The first pages that could not give an item its full text, and why. */
  pageFailures?: ItemWarning[];
  /** What archiving the feed's images did. */
  media?: FeedMediaReport;
  /** On a dry run: the first items it would archive. */
  preview?: FeedPreview;
  state: FeedState;
  error?: string;
  code?: string;
  cause?: string;
}

/** How long to wait after `failures` consecutive failures: 2^failures hours, at most 24 hours. */
export function backoffMs(failures: number): number {
  return Math.min(2 ** failures * HOUR_MS, 24 * HOUR_MS);
}

/**
 * Whether stored state belongs to the feed as configured: the same http(s) URL, or a local file
 * both times (local state keeps no path, so any local path matches it).
 */
export function sameFeedLocation(storedUrl: string | undefined, configuredUrl: string): boolean {
  if (storedUrl === configuredUrl) return true;
  return !isPublicUrl(storedUrl) && !isPublicUrl(configuredUrl);
}

/** The stored state, reset when the configured URL changed (new URL, fresh start). */
export function startingState(feed: Pick<FeedConfig, 'id' | 'url'>, stored: FeedState | undefined): FeedState {
  if (stored && sameFeedLocation(stored.url, feed.url))
    return stored.url === feed.url ? stored : { ...stored, url: feed.url };
  return FeedStateSchema.parse({ id: feed.id, url: feed.url, ...(stored?.title ? { title: stored.title } : {}) });
}

/**
 * The stored retryAfter, held to MAX_RETRY_AFTER_MS after the attempt that
 * set it, so a state file written before Retry-After was capped cannot stop
 * a feed for years either.
 */
export function heldUntil(state: FeedState): number | undefined {
  if (!state.retryAfter) return undefined;
  const until = Date.parse(state.retryAfter);
  const attempt = state.lastAttempt ? Date.parse(state.lastAttempt) : Number.NaN;
  return Number.isNaN(attempt) ? until : Math.min(until, attempt + MAX_RETRY_AFTER_MS);
}

/** Why the feed is not fetched this run, or undefined; `stateFile` is named in the advice. */
export function skipReason(
  feedId: string,
  state: FeedState,
  now: Date,
  stateFile: string,
): { error: string; code: string } | undefined {
  if (state.gone) {
    return {
      code: 'gone',
      error: `Feed ${feedId} answered 410 Gone earlier; remove it from the config, or delete ${stateFile} to try again.`,
    };
  }
  const until = heldUntil(state);
  if (until !== undefined && until > now.getTime()) {
    const after = state.failures > 0 ? ` after ${state.failures} failed attempt${state.failures === 1 ? '' : 's'}` : '';
    return { code: 'backoff', error: `Feed ${feedId} is skipped until ${new Date(until).toISOString()}${after}.` };
  }
  return undefined;
}

function causeText(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return cause === undefined ? undefined : String(cause);
}

/** A failed attempt: counted, remembered, and (for HTTP feeds) held back by the backoff. */
export function failedOutcome(
  feed: Pick<FeedConfig, 'id' | 'path'>,
  state: FeedState,
  error: unknown,
  now: Date,
): FeedOutcome {
  const expected = error instanceof FeedError;
  const message = expected
    ? error.message
    : `Feed ${feed.id} failed unexpectedly: ${(error as Error).message ?? String(error)}`;
  const failures = state.failures + 1;
  const next: FeedState = {
    ...state,
    failures,
    lastAttempt: now.toISOString(),
    lastError: message,
    ...failingSince(state, now),
  };
  if (feed.path === undefined) next.retryAfter = new Date(now.getTime() + backoffMs(failures)).toISOString();
  else delete next.retryAfter;
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

/** When a failure that follows `state` says the feed began failing: now, or when the run of failures began. */
function failingSince(state: FeedState, now: Date): Pick<FeedState, 'failingSince'> {
  if (state.failures === 0) return { failingSince: now.toISOString() };
  return state.failingSince === undefined ? {} : { failingSince: state.failingSince };
}

/** Success resets the failure bookkeeping; the rest of the state is carried over. */
export function succeeded(state: FeedState): FeedState {
  const next: FeedState = { ...state, failures: 0 };
  delete next.lastAttempt;
  delete next.failingSince;
  delete next.lastError;
  delete next.retryAfter;
  return next;
}

/** A feed body to parse, and the state it leaves when it is archived. */
export interface FetchedBody {
  kind: 'body';
  bytes: Uint8Array;
  contentType: string | undefined;
  /** The URL the body came from, after redirects: the base of relative links. */
  finalUrl: string;
  /** The state after a success, before the items are counted. */
  next: FeedState;
  /** Whether the validators or the permanent redirect changed, which alone is worth recording. */
  validatorsChanged: boolean;
}

/** What the server's answer means: a body to archive, or the feed's outcome already. */
export function afterHttpFetch(
  feedId: string,
  state: FeedState,
  result: HttpFetchResult,
  now: Date,
): FetchedBody | { kind: 'done'; outcome: FeedOutcome } {
  const next = succeeded(state);
  let validatorsChanged = false;
  if (result.permanentRedirect && result.permanentRedirect !== state.redirectedTo) {
    next.redirectedTo = result.permanentRedirect;
    validatorsChanged = true;
  }
  const nowIso = now.toISOString();
  if (result.kind === 'not-modified') {
    if (validatorsChanged) next.lastSuccess = nowIso;
    return { kind: 'done', outcome: { status: 'not-modified', counts: emptyCounts(), state: next } };
  }
  if (result.kind === 'gone') {
    const error = `Feed ${feedId} answered 410 Gone; later runs skip it.`;
    const gone: FeedState = { ...next, gone: true, lastAttempt: nowIso, lastError: error, ...failingSince(state, now) };
    return { kind: 'done', outcome: { status: 'failed', counts: emptyCounts(), state: gone, error, code: 'gone' } };
  }
  if (result.kind === 'throttled') {
    const failures = state.failures + 1;
    const retryAfter = result.retryAfter ?? new Date(now.getTime() + backoffMs(failures));
    const capped =
      result.retryAfterRequestedMs === undefined ? '' : ` (${retryAfterCapNote(result.retryAfterRequestedMs)})`;
    const error = `Feed ${feedId} answered HTTP ${result.status}; skipped until ${retryAfter.toISOString()}${capped}.`;
    const throttled: FeedState = {
      ...state,
      ...(next.redirectedTo ? { redirectedTo: next.redirectedTo } : {}),
      failures,
      lastAttempt: nowIso,
      lastError: error,
      retryAfter: retryAfter.toISOString(),
      ...failingSince(state, now),
    };
    return {
      kind: 'done',
      outcome: { status: 'failed', counts: emptyCounts(), state: throttled, error, code: 'throttled' },
    };
  }
  if (result.etag !== state.etag || result.lastModified !== state.lastModified) validatorsChanged = true;
  if (result.etag) next.etag = result.etag;
  else delete next.etag;
  if (result.lastModified) next.lastModified = result.lastModified;
  else delete next.lastModified;
  return {
    kind: 'body',
    bytes: result.body,
    contentType: result.contentType,
    finalUrl: result.finalUrl,
    next,
    validatorsChanged,
  };
}
