/**
 * What a URL given to `feedshelf feeds add` is: a feed, or a web page that
 * links to feeds (autodiscovery, discover.ts), whose first feed is then
 * fetched. Every request goes through the guarded client for URLs from outside
 * (web-fetch.ts: the address guard, redirects checked hop by hop, the size cap
 * and the deadline), and the feed must parse before it is added.
 */
import { decodeFeed } from './decode.ts';
import { type FeedLink, feedLinks } from './discover.ts';
import { FeedError, FeedParseError } from './errors.ts';
import type { AllowNetworks } from './net-guard.ts';
import { parseFeed } from './parse.ts';
import type { ParsedFeed } from './types.ts';
import { fetchWeb } from './web-fetch.ts';

export interface ProbeOptions {
  allow: AllowNetworks;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
}

/** A feed that parsed, and the page it was found on. */
export interface ProbedFeed {
  /** The feed's URL: the one given, or the first feed link of the page given. */
  url: string;
  format: ParsedFeed['format'];
  title?: string;
  entries: number;
  /** When the URL given was a web page: its URL and every feed it links to (the first is `url`). */
  page?: { url: string; links: FeedLink[] };
}

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, */*;q=0.1';

async function fetchText(url: string, options: ProbeOptions): Promise<{ text: string; finalUrl: string }> {
  const result = await fetchWeb(url, { ...options, accept: ACCEPT });
  if (result.kind === 'status') {
    throw new FeedError('http', `${url} answered HTTP ${result.status}; check the URL.`, { url });
  }
  if (result.kind === 'not-modified') {
    throw new FeedError('http', `${url} answered 304 Not Modified to a plain request; try again later.`, { url });
  }
  return { text: decodeFeed(result.body, result.contentType).text, finalUrl: result.finalUrl };
}

function probed(url: string, feed: ParsedFeed): ProbedFeed {
  return { url, format: feed.format, ...(feed.title ? { title: feed.title } : {}), entries: feed.entries.length };
}

/** Fetch `url` and read it as a feed, or find the feed its page links to; throws FeedError saying what to do. */
export async function probeFeed(url: string, options: ProbeOptions): Promise<ProbedFeed> {
  const page = await fetchText(url, options);
  try {
    return probed(url, await parseFeed(page.text, page.finalUrl));
  } catch (error) {
    if (!(error instanceof FeedParseError) || error.code !== 'html') throw error;
  }
  const links = feedLinks(page.text, page.finalUrl);
  const [first] = links;
  if (first === undefined) {
    throw new FeedError(
      'no-feed-link',
      `${url} is a web page that links to no feed (no <link rel="alternate"> of type RSS, Atom or JSON Feed); find the feed's address on the site (often /feed, /rss.xml or /atom.xml) and add that.`,
      { url },
    );
  }
  const feed = await fetchText(first.url, options);
  try {
    return { ...probed(first.url, await parseFeed(feed.text, feed.finalUrl)), page: { url, links } };
  } catch (error) {
    if (error instanceof FeedParseError) {
      throw new FeedError(
        'bad-feed-link',
        `${url} links to the feed ${first.url}, which is not one: ${error.message}`,
        { url: first.url, cause: error },
      );
    }
    throw error;
  }
}
