import { describe, expect, it } from 'vitest';
import { sourcesOpml } from '#src/site/opml.ts';

const state = (id: string, siteUrl?: string) => ({
  id,
  url: `https://${id}.example.org/feed.xml`,
  ...(siteUrl ? { siteUrl } : {}),
  gone: false,
  failures: 0,
});

describe('sourcesOpml', () => {
  it('lists every source with a feed URL, with its site when known, in the archive order', () => {
    const opml = sourcesOpml('Archive', [
      { name: 'Alpha & Co', state: state('alpha', 'https://alpha.example.org/') },
      { name: 'No state' },
      { name: 'Beta', state: state('beta') },
    ]);
    expect(opml.split('\n').filter((line) => line.includes('<outline'))).toEqual([
      '    <outline type="rss" text="Alpha &amp; Co" title="Alpha &amp; Co" xmlUrl="https://alpha.example.org/feed.xml" htmlUrl="https://alpha.example.org/"/>',
      '    <outline type="rss" text="Beta" title="Beta" xmlUrl="https://beta.example.org/feed.xml"/>',
    ]);
    expect(opml).toContain('<title>Archive</title>');
  });
});
