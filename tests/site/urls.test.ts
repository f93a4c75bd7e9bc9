import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes, TAG_RESERVED_SEGMENTS, tagSlug, withBase } from '#src/site/urls.ts';

/** The static (non-parameter) routes directly inside a folder of src/routes/, by their path segment. */
function staticSegments(folder: string): string[] {
  return readdirSync(new URL(`../../src/routes/${folder}/`, import.meta.url))
    .filter((name) => !name.startsWith('[') && !name.startsWith('_') && name !== 'index.astro')
    .map((name) => name.replace(/\.astro$/, ''))
    .sort();
}

describe('withBase', () => {
  it('joins the base path and a site path', () => {
    expect(withBase('/', 'tags/')).toBe('/tags/');
    expect(withBase('/sub/', 'tags/')).toBe('/sub/tags/');
    expect(withBase('/sub', '/tags/')).toBe('/sub/tags/');
    expect(withBase('/sub/', '')).toBe('/sub/');
  });
});

describe('routes', () => {
  it('builds the fixed URL scheme', () => {
    expect(routes.item('alpha-blog/2026-01-05-hello')).toBe('items/alpha-blog/2026-01-05-hello/');
    expect([routes.home(), routes.home(2)]).toEqual(['', 'page/2/']);
    expect([routes.tag('python'), routes.tag('python', 3)]).toEqual(['tags/python/', 'tags/python/3/']);
    expect([routes.year('2026'), routes.year('2026', 2)]).toEqual(['archive/2026/', 'archive/2026/page/2/']);
    expect([routes.month('2026', '03'), routes.month('2026', '03', 2)]).toEqual([
      'archive/2026/03/',
      'archive/2026/03/2/',
    ]);
    expect([routes.source('alpha'), routes.sourceFeed('alpha'), routes.tagFeed('sql')]).toEqual([
      'sources/alpha/',
      'sources/alpha/rss.xml',
      'tags/sql/rss.xml',
    ]);
  });
});

describe('tag URLs and reserved segments', () => {
  it('gives a tag named by-name its own URL, not the tags-by-name page', () => {
    expect(routes.tagsByName()).toBe('tags/by-name/');
    expect(routes.tag(tagSlug('by-name'))).toBe('tags/by-name-tag/');
    expect(routes.tag(tagSlug('By Name'), 2)).toBe('tags/by-name-tag/2/');
    expect(routes.tagFeed(tagSlug('by-name'))).toBe('tags/by-name-tag/rss.xml');
    expect(routes.tag(tagSlug('by-name-tag'))).toBe('tags/by-name-tag-tag/');
  });

  it('reserves exactly the static pages under tags/, and authors/ and sources/ have none', () => {
    expect(staticSegments('tags')).toEqual(['by-name']);
    expect([...TAG_RESERVED_SEGMENTS]).toEqual(staticSegments('tags'));
    expect(staticSegments('authors')).toEqual([]);
    expect(staticSegments('sources')).toEqual([]);
  });
});
