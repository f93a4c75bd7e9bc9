import { describe, expect, it } from 'vitest';
import { routes, withBase } from '../../src/lib/urls.ts';

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
