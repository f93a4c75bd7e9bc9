/**
 * What of the archive may be published. content/ is committed and the site
 * is public, so neither may carry a path of the machine that ran the snapshot
 * or the build: a feed read from a local file has no public URL, and an error
 * message may name a file. The snapshot applies this before it writes feed
 * state, and the site again when it reads state, for archives written before.
 * Pure.
 */
import type { FeedState } from './schema.ts';

/** Stands in for a path taken out of a message. */
export const LOCAL_PATH = '(a local path)';

/** An absolute http(s) URL: the only kind of location the archive publishes. */
export function isPublicUrl(value: string | undefined): value is string {
  return value !== undefined && /^https?:\/\//i.test(value) && URL.canParse(value);
}

/** Each ends before a bracket, a quote or the punctuation of the sentence the path is in. */
const LOCAL_PATTERNS: readonly RegExp[] = [
  // file: URLs, whatever follows the scheme.
  /\bfile:[^\s'"`<>()]*(?<![.,;:!?])/gi,
  // Windows drive paths and UNC shares.
  /(?<!\w)[A-Za-z]:[\\/][^\s'"`<>()]*(?<![.,;:!?])/g,
  /(?<![\w\\])\\\\[^\s\\'"`<>()]+\\[^\s'"`<>()]*(?<![.,;:!?])/g,
  // Home-relative and absolute POSIX paths; a URL's own path follows its host, so it is not taken.
  /(?<![\w.%~/:-])~\/[^\s'"`<>()]*(?<![.,;:!?])/g,
  /(?<![\w.%~/:@-])\/(?:[^\s/'"`<>()]+\/)*[^\s/'"`<>()]+\/?(?<![.,;:!?])/g,
];

/**
 * `text` with every file-system path and file: URL replaced by LOCAL_PATH; `known` are
 * locations to take out as they are, such as a local feed's path relative to feeds.yaml.
 */
export function redactLocalPaths(text: string, known: readonly string[] = []): string {
  // Patterns first: a known relative path inside an absolute one or a file: URL goes with it.
  let out = text;
  for (const pattern of LOCAL_PATTERNS) out = out.replace(pattern, LOCAL_PATH);
  for (const location of known) if (location.length > 0) out = out.split(location).join(LOCAL_PATH);
  return out;
}

/**
 * Feed state as it may be published: the URLs that are not http(s) left out (a local feed's path
 * above all) and paths taken out of the last error.
 */
export function publicFeedState(state: FeedState): FeedState {
  const next: FeedState = { ...state };
  const localLocation = state.url !== undefined && !isPublicUrl(state.url) ? [state.url] : [];
  if (!isPublicUrl(next.url)) delete next.url;
  if (!isPublicUrl(next.siteUrl)) delete next.siteUrl;
  if (!isPublicUrl(next.redirectedTo)) delete next.redirectedTo;
  if (next.lastError !== undefined) next.lastError = redactLocalPaths(next.lastError, localLocation);
  return next;
}
