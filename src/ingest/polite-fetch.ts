/**
 * Fetching publishers' pages politely: one request at a time per host, a
 * pause between requests to the same host (longer when its robots.txt asks
 * for a Crawl-delay), and robots.txt obeyed (RFC 9309, read with
 * robots-parser): a 4xx for robots.txt allows everything, a 5xx or no answer
 * allows nothing this run. Every request goes through the address guard
 * (web-fetch.ts). One fetcher serves a whole snapshot run.
 */
import robotsParser from 'robots-parser';
import { RefusedAddressError } from './errors.ts';
import type { AllowNetworks } from './net-guard.ts';
import { fetchWeb, type WebFetchResult } from './web-fetch.ts';

export interface PoliteFetchOptions {
  allow: AllowNetworks;
  userAgent: string;
  /** The product token robots.txt groups are matched against. */
  robotsAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Pause between two requests to one host, in milliseconds. */
  delayMs: number;
  /** The longest Crawl-delay honoured, in milliseconds. */
  maxCrawlDelayMs?: number;
}

/** robots.txt files are read up to this size (RFC 9309 asks crawlers to read at least 500 KiB). */
const ROBOTS_MAX_BYTES = 512 * 1024;
const DEFAULT_MAX_CRAWL_DELAY_MS = 30_000;

type Robots =
  | { kind: 'rules'; isAllowed(url: string): boolean; crawlDelayMs?: number }
  | { kind: 'all' | 'none' }
  /** The guard refused the site's address: so is every page on it. */
  | { kind: 'refused'; error: RefusedAddressError };

export type PageAnswer =
  | { kind: 'answer'; result: WebFetchResult }
  /** robots.txt disallows the page, or could not be read (a 5xx, no answer), which disallows all for now. */
  | { kind: 'disallowed'; robotsUrl: string; unavailable: boolean };

export class PoliteFetcher {
  readonly #options: PoliteFetchOptions;
  /** Per host: the end of the last request's turn, which the next waits for. */
  readonly #turns = new Map<string, Promise<void>>();
  readonly #robots = new Map<string, Promise<Robots>>();
  readonly #delays = new Map<string, number>();

  constructor(options: PoliteFetchOptions) {
    this.#options = options;
  }

  /** Run `task` in the host's queue: after the host's previous request and its pause. */
  async #inTurn<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#turns.get(host) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#turns.set(
      host,
      previous.then(() => turn),
    );
    await previous;
    try {
      return await task();
    } finally {
      const pause = this.#delays.get(host) ?? this.#options.delayMs;
      setTimeout(release, pause);
    }
  }

  #robotsFor(origin: string, host: string): Promise<Robots> {
    let pending = this.#robots.get(origin);
    if (!pending) {
      pending = this.#inTurn(host, () => this.#readRobots(origin));
      this.#robots.set(origin, pending);
    }
    return pending;
  }

  async #readRobots(origin: string): Promise<Robots> {
    const url = `${origin}/robots.txt`;
    let result: WebFetchResult;
    try {
      result = await fetchWeb(url, {
        allow: this.#options.allow,
        userAgent: this.#options.userAgent,
        accept: 'text/plain, */*;q=0.5',
        timeoutMs: this.#options.timeoutMs,
        maxBytes: ROBOTS_MAX_BYTES,
      });
    } catch (error) {
      return error instanceof RefusedAddressError ? { kind: 'refused', error } : { kind: 'none' };
    }
    if (result.kind === 'status')
      return result.status >= 400 && result.status < 500 ? { kind: 'all' } : { kind: 'none' };
    if (result.kind !== 'ok') return { kind: 'all' };
    const robot = robotsParser(url, new TextDecoder().decode(result.body));
    const agent = this.#options.robotsAgent;
    const delay = robot.getCrawlDelay(agent);
    const crawlDelayMs =
      delay === undefined || !Number.isFinite(delay) || delay <= 0
        ? undefined
        : Math.min(delay * 1000, this.#options.maxCrawlDelayMs ?? DEFAULT_MAX_CRAWL_DELAY_MS);
    return {
      kind: 'rules',
      isAllowed: (pageUrl) => robot.isAllowed(pageUrl, agent) !== false,
      ...(crawlDelayMs === undefined ? {} : { crawlDelayMs }),
    };
  }

  /**
   * GET a page when its site's robots.txt allows it, in its host's turn.
   * Throws what fetchWeb throws (a refused address, a timeout, no answer).
   */
  async fetchPage(
    url: string,
    validators: { etag?: string; lastModified?: string } = {},
    options: { discardBody?: boolean } = {},
  ): Promise<PageAnswer> {
    const parsed = new URL(url);
    const robots = await this.#robotsFor(parsed.origin, parsed.host);
    if (robots.kind === 'refused') throw robots.error;
    if (robots.kind === 'rules' && robots.crawlDelayMs !== undefined) {
      this.#delays.set(parsed.host, Math.max(this.#options.delayMs, robots.crawlDelayMs));
    }
    if (robots.kind === 'none' || (robots.kind === 'rules' && !robots.isAllowed(url))) {
      return { kind: 'disallowed', robotsUrl: `${parsed.origin}/robots.txt`, unavailable: robots.kind === 'none' };
    }
    const result = await this.#inTurn(parsed.host, () =>
      fetchWeb(url, {
        allow: this.#options.allow,
        userAgent: this.#options.userAgent,
        accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
        timeoutMs: this.#options.timeoutMs,
        maxBytes: this.#options.maxBytes,
        ...validators,
        ...(options.discardBody ? { discardBody: true } : {}),
      }),
    );
    return { kind: 'answer', result };
  }
}
