/**
 * The snapshot engine's error hierarchy. Every expected failure carries a
 * machine-readable `code` and, where known, the feed URL, so the CLI can print
 * one clear line without a stack trace.
 */

/** Base class for every expected feed failure. */
export class FeedError extends Error {
  /** Stable machine-readable reason, e.g. `empty`, `html`, `invalid-xml`, `http`. */
  readonly code: string;
  /** The feed URL or path the error is about, when known. */
  readonly url?: string;

  constructor(code: string, message: string, options: { url?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedError';
    this.code = code;
    if (options.url !== undefined) this.url = options.url;
  }
}

/** Codes a parse failure can carry. */
export type FeedParseErrorCode =
  | 'empty'
  | 'html'
  | 'invalid-xml'
  | 'entities'
  | 'unknown-root'
  | 'invalid-json'
  | 'not-json-feed';

/** The body could not be read as a feed. */
export class FeedParseError extends FeedError {
  declare readonly code: FeedParseErrorCode;

  constructor(code: FeedParseErrorCode, message: string, options: { url?: string; cause?: unknown } = {}) {
    super(code, message, options);
    this.name = 'FeedParseError';
  }
}

/** The feed could not be fetched (network, HTTP status, size or time limits). */
export class FeedFetchError extends FeedError {
  /** HTTP status, when the server answered. */
  readonly status?: number;

  constructor(code: string, message: string, options: { url?: string; status?: number; cause?: unknown } = {}) {
    super(code, message, options);
    this.name = 'FeedFetchError';
    if (options.status !== undefined) this.status = options.status;
  }
}
