import { describe, expect, it } from 'vitest';
import { isPublicUrl, publicFeedState, redactLocalPaths } from '#src/archive/public.ts';
import { FeedStateSchema } from '#src/archive/schema.ts';
import { sameFeedLocation } from '#src/ingest/feed-state.ts';

describe('isPublicUrl', () => {
  it.each([
    ['https://example.org/feed.xml', true],
    ['HTTP://example.org/', true],
    ['file:///home/ann/feed.xml', false],
    ['/home/ann/feed.xml', false],
    ['samples/feeds/x.xml', false],
    ['C:\\feeds\\x.xml', false],
    ['https://', false],
    [undefined, false],
  ])('%s: %s', (value, expected) => {
    expect(isPublicUrl(value)).toBe(expected);
  });
});

describe('redactLocalPaths', () => {
  it.each([
    ['Feed file /home/ann/feeds/x.xml does not exist.', 'Feed file (a local path) does not exist.'],
    ['The feed at file:///work/site/feeds/x.xml is empty.', 'The feed at (a local path) is empty.'],
    [
      "EACCES: permission denied, open '/srv/archive/content/items/a/b.md'",
      "EACCES: permission denied, open '(a local path)'",
    ],
    ['Feed file C:\\Users\\ann\\feed.xml does not exist.', 'Feed file (a local path) does not exist.'],
    ['Read ~/feeds/x.xml and \\\\server\\share\\x.xml', 'Read (a local path) and (a local path)'],
    ['(/tmp/x)', '((a local path))'],
  ])('takes the path out of %j', (text, expected) => {
    expect(redactLocalPaths(text)).toBe(expected);
  });

  it.each([
    'The feed at https://example.org/blog/feed.xml answered HTTP 404.',
    'Feed x answered HTTP 301/308 twice; expected application/rss+xml or text/html.',
    'skipped until 2026-03-12T09:00:00.000Z after 2 failed attempts',
  ])('leaves URLs and other text alone: %j', (text) => {
    expect(redactLocalPaths(text)).toBe(text);
  });

  it('takes out a known relative location, also when it is part of an absolute one', () => {
    expect(redactLocalPaths('Feed file feeds/x.xml does not exist (file:///work/feeds/x.xml).', ['feeds/x.xml'])).toBe(
      'Feed file (a local path) does not exist ((a local path)).',
    );
  });
});

describe('publicFeedState', () => {
  it('keeps only http(s) URLs and takes the local path out of the last error', () => {
    const state = FeedStateSchema.parse({
      id: 'notes',
      url: 'samples/feeds/notes.xml',
      siteUrl: 'file:///home/ann/site/',
      redirectedTo: '/elsewhere.xml',
      lastError: 'Feed file samples/feeds/notes.xml cannot be read; check its permissions.',
      failures: 1,
    });
    expect(publicFeedState(state)).toEqual({
      id: 'notes',
      gone: false,
      failures: 1,
      lastError: 'Feed file (a local path) cannot be read; check its permissions.',
    });
  });

  it('leaves the state of an http(s) feed as it is', () => {
    const state = FeedStateSchema.parse({
      id: 'blog',
      url: 'https://example.org/feed.xml',
      siteUrl: 'https://example.org/',
      redirectedTo: 'https://example.org/new.xml',
      lastError: 'Feed blog answered HTTP 500.',
    });
    expect(publicFeedState(state)).toEqual(state);
  });
});

describe('sameFeedLocation', () => {
  it('matches the same URL, and any local path with state that has none', () => {
    expect(sameFeedLocation('https://example.org/feed', 'https://example.org/feed')).toBe(true);
    expect(sameFeedLocation('https://example.org/feed', 'https://example.org/other')).toBe(false);
    expect(sameFeedLocation(undefined, 'feeds/x.xml')).toBe(true);
    expect(sameFeedLocation('feeds/old.xml', '/abs/feeds/x.xml')).toBe(true);
    expect(sameFeedLocation(undefined, 'https://example.org/feed')).toBe(false);
    expect(sameFeedLocation('https://example.org/feed', 'feeds/x.xml')).toBe(false);
  });
});
