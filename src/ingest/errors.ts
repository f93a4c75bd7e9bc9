/**
 * The snapshot engine's error hierarchy. Every expected failure is a
 * `FeedshelfError` with a machine-readable `code` and a `kind` that says
 * whose it is to fix: one feed's (`feed`: the run goes on with the others),
 * the user's configuration (`config`), or the archive on disk (`archive`: the
 * run stops). The CLI prints the message of any of them as one line, never a
 * stack trace; anything else is a feedshelf bug and is reported as one.
 */
import type { ConfigProblem } from './config-positions.ts';

/** Whose problem an expected failure is. */
export type ErrorKind = 'feed' | 'config' | 'archive';

/** Base class of every expected failure. */
export class FeedshelfError extends Error {
  /** Stable machine-readable reason, e.g. `config`, `state`, `http`, `disk-full`. */
  readonly code: string;
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedshelfError';
    this.kind = kind;
    this.code = code;
  }
}

/** A configuration problem (feeds.yaml, an OPML file, a flag); the message names the file, the key and what is expected. */
export class ConfigError extends FeedshelfError {
  /** Each problem of feeds.yaml with its line and column, when the error is about that file's content. */
  readonly problems: readonly ConfigProblem[];

  constructor(message: string, options?: { cause?: unknown; problems?: readonly ConfigProblem[] }) {
    super('config', 'config', message, options);
    this.name = 'ConfigError';
    this.problems = options?.problems ?? [];
  }
}

/** The OPML file is not usable. */
export class OpmlError extends FeedshelfError {
  constructor(message: string) {
    super('config', 'opml', message);
    this.name = 'OpmlError';
  }
}

/** The archive folder cannot be created or written, or the disk is full. */
export class ArchiveError extends FeedshelfError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super('archive', options?.code ?? 'archive', message, options);
    this.name = 'ArchiveError';
  }
}

/** A state file exists but is not valid; names the file and what to do. */
export class StateError extends FeedshelfError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('archive', 'state', message, options);
    this.name = 'StateError';
  }
}

/** A path would leave its root folder; never written. */
export class UnsafePathError extends FeedshelfError {
  constructor(message: string) {
    super('feed', 'unsafe-path', message);
    this.name = 'UnsafePathError';
  }
}

/** The archive is locked by a live snapshot and waiting did not free it. */
export class ArchiveLockedError extends FeedshelfError {
  /** Who holds the lock, when its file could be read. */
  readonly holder: { pid: number; host: string; since: string } | undefined;
  constructor(message: string, holder: { pid: number; host: string; since: string } | undefined) {
    super('archive', 'archive-locked', message);
    this.name = 'ArchiveLockedError';
    this.holder = holder;
  }
}

/** One feed's failure: reported, and the run goes on with the other feeds. */
export class FeedError extends FeedshelfError {
  /** The feed URL or path the error is about, when known. */
  readonly url?: string;

  constructor(code: string, message: string, options: { url?: string; cause?: unknown } = {}) {
    super('feed', code, message, options);
    this.name = 'FeedError';
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

/**
 * A URL from feed content was not fetched because of where it points: a
 * scheme other than http(s), or a host that is or resolves to an address the
 * request-forgery guard refuses (net-guard.ts).
 */
export class RefusedAddressError extends FeedError {
  declare readonly url: string;
  /** The URL's host (an IPv6 literal without brackets). */
  readonly host: string;
  /** The refused address, when there is one (not for a scheme or a loopback name). */
  readonly address?: string;

  constructor(message: string, options: { url: string; host: string; address?: string }) {
    super('refused-address', message, { url: options.url });
    this.name = 'RefusedAddressError';
    this.host = options.host;
    if (options.address !== undefined) this.address = options.address;
  }
}
