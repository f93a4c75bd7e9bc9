/**
 * GET for URLs that come from feed content (an item's page, its site's
 * robots.txt): the feed client's caps and deadline, and the address guard on
 * the first request and every redirect hop (net-guard-fs.ts), so feed content
 * can never make the snapshot reach a loopback, private or link-local
 * address unless the user allowed that network. Any status is an answer, not
 * an error: the caller decides what a 404 or a 429 means for it.
 */
import { header, readBody, send } from './_http-body.ts';
import { FeedError } from './errors.ts';
import type { AllowNetworks } from './net-guard.ts';
import { assertFetchable, guardedLookup } from './net-guard-fs.ts';

export interface WebFetchOptions {
  allow: AllowNetworks;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** The Accept header. */
  accept: string;
  /** Stored validators for a conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Only the status matters (a link checked for a retraction): a 2xx body is not read. */
  discardBody?: boolean;
}

export type WebFetchResult =
  | {
      kind: 'ok';
      /** The URL the body came from, after redirects. */
      finalUrl: string;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    }
  | { kind: 'not-modified'; finalUrl: string }
  /** Any other final status (4xx, 5xx, 1xx): the body is not read. */
  | { kind: 'status'; status: number; finalUrl: string; retryAfter?: string };

/** Why a fetch from feed content failed: `timeout`, `network`, `too-large`, `redirect`, `encoding`, `refused-address`. */
export class WebFetchError extends FeedError {
  constructor(code: string, message: string, options: { url: string; cause?: unknown }) {
    super(code, message, options);
    this.name = 'WebFetchError';
  }
}

export const WEB_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GET `url` under the guard; throws WebFetchError (or the guard's RefusedAddressError) when there is no answer. */
export async function fetchWeb(url: string, options: WebFetchOptions): Promise<WebFetchResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    return await follow(url, options, controller.signal);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (timedOut) {
      throw new WebFetchError('timeout', `${url} did not answer within ${options.timeoutMs / 1000} s.`, {
        url,
        cause: error,
      });
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'network';
    throw new WebFetchError('network', `${url} could not be reached (${code}).`, { url, cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function follow(startUrl: string, options: WebFetchOptions, signal: AbortSignal): Promise<WebFetchResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: options.accept,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  let current = new URL(startUrl);
  for (let hop = 0; ; hop++) {
    assertFetchable(current, options.allow);
    const response = await send(current, headers, signal, guardedLookup(options.allow, current));
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      response.resume();
      const location = header(response, 'location');
      if (!location || !URL.canParse(location, current)) {
        throw new WebFetchError('redirect', `${startUrl} redirected without a valid Location header.`, {
          url: startUrl,
        });
      }
      if (hop + 1 > WEB_MAX_REDIRECTS) {
        throw new WebFetchError('redirect', `${startUrl} redirected more than ${WEB_MAX_REDIRECTS} times.`, {
          url: startUrl,
        });
      }
      current = new URL(location, current);
      continue;
    }
    if (status === 304) {
      response.resume();
      return { kind: 'not-modified', finalUrl: current.href };
    }
    if (status < 200 || status > 299) {
      response.resume();
      const retryAfter = header(response, 'retry-after');
      return { kind: 'status', status, finalUrl: current.href, ...(retryAfter ? { retryAfter } : {}) };
    }
    if (options.discardBody) {
      response.destroy();
      return { kind: 'ok', finalUrl: current.href, body: new Uint8Array() };
    }
    const where = startUrl;
    const body = await readBody(response, options.maxBytes, {
      tooLarge: () =>
        new WebFetchError('too-large', `${where} is larger than ${options.maxBytes} bytes.`, { url: where }),
      unsupported: (coding) =>
        new WebFetchError('encoding', `${where} uses the unsupported Content-Encoding "${coding}".`, { url: where }),
      corrupt: (cause) =>
        new WebFetchError('encoding', `${where} sent a corrupt compressed body.`, { url: where, cause }),
    });
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
    };
  }
}
