/**
 * The HTTP client for feeds, on node:http/https so every byte is under our
 * control: one deadline for headers and body that truly aborts the socket,
 * a body cap enforced while streaming (after decompression too, so a gzip
 * bomb stops at the cap), manual redirects, conditional GET and the status
 * codes a polite archiver must honour (304, 301/308, 410, 429/503).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { header, readBody, send } from './_http-body.ts';
import { FeedFetchError } from './errors.ts';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
export const PROJECT_URL = 'https://github.com/feedshelf/feedshelf';

/** The project's version from package.json, for the User-Agent. */
export function packageVersion(): string {
  const json: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = typeof json === 'object' && json !== null && 'version' in json ? json.version : undefined;
  return typeof version === 'string' ? version : '0.0.0';
}

/** `feedshelf/<version> (+<contact URL>)`. */
export function userAgent(version: string, contact: string = PROJECT_URL): string {
  return `feedshelf/${version} (+${contact})`;
}

export interface HttpFetchOptions {
  /** Stored validators for a conditional GET. */
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes?: number;
  userAgent: string;
  /** The run's clock, for Retry-After given in seconds. */
  now?: Date;
}

/** What a fetch can end in besides an error. */
export type HttpFetchResult =
  | {
      kind: 'ok';
      /** The URL the body came from, after redirects. */
      finalUrl: string;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      /** Target of a chain of 301/308 redirects starting at the requested URL. */
      permanentRedirect?: string;
    }
  | { kind: 'not-modified'; permanentRedirect?: string }
  | { kind: 'gone'; permanentRedirect?: string }
  | {
      kind: 'throttled';
      status: number;
      /** From Retry-After, already capped at MAX_RETRY_AFTER_MS. */
      retryAfter?: Date;
      /** The delay the server asked for, present only when it was capped. */
      retryAfterRequestedMs?: number;
      permanentRedirect?: string;
    };

/** The longest a Retry-After may hold a feed back, from the run's clock. */
export const MAX_RETRY_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** A Retry-After read against the run's clock. */
export interface RetryAfter {
  /** The earliest next attempt, at most MAX_RETRY_AFTER_MS after the run's clock. */
  until: Date;
  /** The delay the server asked for, present only when it was over the cap and was cut down. */
  requestedMs?: number;
}

/**
 * Retry-After as seconds or an HTTP date, capped at MAX_RETRY_AFTER_MS from
 * `now` so one answer cannot stop a feed for years; undefined when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date): RetryAfter | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const until = /^\d+$/.test(trimmed) ? now.getTime() + Number(trimmed) * 1000 : Date.parse(trimmed);
  if (Number.isNaN(until)) return undefined;
  const requestedMs = until - now.getTime();
  if (requestedMs <= MAX_RETRY_AFTER_MS) return { until: new Date(until) };
  return { until: new Date(now.getTime() + MAX_RETRY_AFTER_MS), requestedMs };
}

/** `Retry-After of 1157 days capped at 7 days`, for a delay over the cap. */
export function retryAfterCapNote(requestedMs: number): string {
  // Whole days read best, but under 8 days they would round to the cap itself.
  const asked =
    requestedMs >= 8 * DAY_MS
      ? `${Math.floor(requestedMs / DAY_MS)} days`
      : `${Math.ceil(requestedMs / HOUR_MS)} hours`;
  return `Retry-After of ${asked} capped at ${MAX_RETRY_AFTER_MS / DAY_MS} days`;
}

/** A feed's body: its size cap named by the setting that raises it. */
function readFeedBody(response: IncomingMessage, url: string, maxBytes: number): Promise<Uint8Array> {
  return readBody(response, maxBytes, {
    tooLarge: () =>
      new FeedFetchError(
        'too-large',
        `Feed ${url} is larger than ${maxBytes} bytes; raise defaults.maxBytes to accept it.`,
        {
          url,
        },
      ),
    unsupported: (coding) =>
      new FeedFetchError('encoding', `Feed ${url} uses the unsupported Content-Encoding "${coding}".`, { url }),
    corrupt: (cause) => new FeedFetchError('encoding', `Feed ${url} sent a corrupt compressed body.`, { url, cause }),
  });
}

function networkError(error: unknown, url: string, timedOut: boolean, timeoutMs: number): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  if (timedOut) {
    return new FeedFetchError('timeout', `Feed ${url} did not answer within ${timeoutMs / 1000} s; try again later.`, {
      url,
      cause: error,
    });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'network';
  return new FeedFetchError('network', `Feed ${url} could not be reached (${code}); check the URL and network.`, {
    url,
    cause: error,
  });
}

/**
 * GET a feed. 200 -> body; 304 -> not-modified; 410 -> gone; 429/503 ->
 * throttled (with Retry-After); other statuses, too many redirects, a loop,
 * a timeout or a body over the cap throw FeedFetchError.
 */
export async function fetchFeedUrl(url: string, options: HttpFetchOptions): Promise<HttpFetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await follow(url, options, maxBytes, controller.signal);
  } catch (error) {
    throw networkError(error, url, timedOut, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

async function follow(
  startUrl: string,
  options: HttpFetchOptions,
  maxBytes: number,
  signal: AbortSignal,
): Promise<HttpFetchResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const visited = new Set<string>();
  let current = new URL(startUrl);
  let permanent: string | undefined;
  let stillPermanent = true;
  for (let hop = 0; ; hop++) {
    visited.add(current.href);
    const response = await send(current, headers, signal);
    const status = response.statusCode ?? 0;
    const extra = permanent === undefined ? {} : { permanentRedirect: permanent };
    if ([301, 302, 303, 307, 308].includes(status)) {
      response.resume();
      const location = header(response, 'location');
      if (!location || !URL.canParse(location, current)) {
        throw new FeedFetchError('redirect', `Feed ${startUrl} redirected without a valid Location header.`, {
          url: startUrl,
          status,
        });
      }
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new FeedFetchError('redirect', `Feed ${startUrl} redirected to a non-http(s) URL (${next.protocol}).`, {
          url: startUrl,
          status,
        });
      }
      if (visited.has(next.href)) {
        throw new FeedFetchError('redirect-loop', `Feed ${startUrl} redirects in a loop (back to ${next.href}).`, {
          url: startUrl,
          status,
        });
      }
      if (hop + 1 > MAX_REDIRECTS) {
        throw new FeedFetchError('redirect-limit', `Feed ${startUrl} redirected more than ${MAX_REDIRECTS} times.`, {
          url: startUrl,
          status,
        });
      }
      stillPermanent = stillPermanent && (status === 301 || status === 308);
      if (stillPermanent) permanent = next.href;
      current = next;
      continue;
    }
    if (status === 304) {
      response.resume();
      return { kind: 'not-modified', ...extra };
    }
    if (status === 410) {
      response.resume();
      return { kind: 'gone', ...extra };
    }
    if (status === 429 || status === 503) {
      response.resume();
      const retryAfter = parseRetryAfter(header(response, 'retry-after'), options.now ?? new Date());
      return {
        kind: 'throttled',
        status,
        ...(retryAfter ? { retryAfter: retryAfter.until } : {}),
        ...(retryAfter?.requestedMs === undefined ? {} : { retryAfterRequestedMs: retryAfter.requestedMs }),
        ...extra,
      };
    }
    if (status < 200 || status > 299) {
      response.resume();
      throw new FeedFetchError('http', `Feed ${startUrl} answered HTTP ${status}; check the URL.`, {
        url: startUrl,
        status,
      });
    }
    const body = await readFeedBody(response, startUrl, maxBytes);
    const contentType = header(response, 'content-type');
    const etag = header(response, 'etag');
    const lastModified = header(response, 'last-modified');
    return {
      kind: 'ok',
      finalUrl: current.href,
      body,
      ...(contentType ? { contentType } : {}),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      ...extra,
    };
  }
}
