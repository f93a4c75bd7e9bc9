/** The fidelity check: its independent reading of feeds, and each class of finding. */
import { describe, expect, it } from 'vitest';
import { compareFeed, compareItem, htmlText, markdownText } from '#scripts/fidelity/compare.ts';
import { countByClass, formatFindingTable } from '#scripts/fidelity/format.ts';
import { type FeedItemFacts, readFeedFacts } from '#scripts/fidelity/read-feed.ts';

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>Blog</title><language>pt-BR</language>
<item>
  <title>Pre&amp;#231;os &amp;amp; taxas</title>
  <link>https://feeds.example/~r/blog/1</link>
  <feedburner:origLink>https://blog.example/precos</feedburner:origLink>
  <guid isPermaLink="false">post-1</guid>
  <pubDate>Seg, 24 Set 2018 19:22:00 -0300</pubDate>
  <author><name>Ana</name></author>
  <dc:creator>Rui</dc:creator>
  <category>economia</category>
  <description>Resumo.</description>
  <content:encoded><![CDATA[<p>Texto <a href="/a">um</a> <a href="#nota">nota</a>.</p><img src="/i.png"><img src="https://feeds.example/~r/blog/~4/x" width="1" height="1"><pre>x</pre>]]></content:encoded>
  <enclosure url="https://cdn.example/1.mp3" type="audio/mpeg" length="100"/>
  <enclosure url="https://cdn.example/1.jpg" type="image/jpeg" length="100"/>
</item>
</channel></rss>`;

const ATOM = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="ja">
<title>動画</title>
<entry>
  <id>yt:video:abc</id>
  <title type="html">&lt;b&gt;第1回&lt;/b&gt;</title>
  <link rel="alternate" href="https://video.example/watch?v=abc"/>
  <link rel="enclosure" href="https://video.example/abc.mp4" type="video/mp4"/>
  <published>2024-01-02T03:04:05Z</published>
  <author><name>チャンネル</name></author>
  <category term="music" label="Music"/>
  <media:group><media:description>動画の説明です。</media:description></media:group>
</entry>
</feed>`;

function facts(overrides: Partial<FeedItemFacts>): FeedItemFacts {
  return { authors: [], categories: [], bodyHtml: '', enclosures: 0, ...overrides };
}

describe('readFeedFacts', () => {
  it('reads an RSS item apart from the snapshot: origLink, both authors, media that is not an image', () => {
    expect(readFeedFacts(RSS)).toEqual([
      {
        id: 'post-1',
        link: 'https://blog.example/precos',
        title: 'Pre&#231;os &amp; taxas',
        date: 'Seg, 24 Set 2018 19:22:00 -0300',
        authors: ['Ana', 'Rui'],
        categories: ['economia'],
        bodyHtml:
          '<p>Texto <a href="/a">um</a> <a href="#nota">nota</a>.</p><img src="/i.png"><img src="https://feeds.example/~r/blog/~4/x" width="1" height="1"><pre>x</pre>',
        enclosures: 1,
        lang: 'pt-BR',
      },
    ]);
  });

  it("reads an Atom entry, with YouTube's media:description as the body and the feed's xml:lang", () => {
    expect(readFeedFacts(ATOM)).toEqual([
      {
        id: 'yt:video:abc',
        link: 'https://video.example/watch?v=abc',
        title: '<b>第1回</b>',
        date: '2024-01-02T03:04:05Z',
        authors: ['チャンネル'],
        categories: ['Music'],
        bodyHtml: '動画の説明です。',
        enclosures: 1,
        lang: 'ja',
      },
    ]);
  });

  it('reads a JSON Feed, tags given as one string included', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      language: 'de',
      items: [
        {
          id: 1,
          url: 'https://j.example/1',
          content_text: 'a < b',
          tags: 'solo',
          authors: [{ name: 'Eva' }],
          attachments: [{ url: 'https://j.example/1.mp3' }, { url: 'ftp://j.example/x' }],
        },
      ],
    });
    expect(readFeedFacts(json)).toEqual([
      {
        id: '1',
        link: 'https://j.example/1',
        title: undefined,
        date: undefined,
        authors: ['Eva'],
        categories: ['solo'],
        bodyHtml: 'a &lt; b',
        enclosures: 1,
        lang: 'de',
      },
    ]);
  });

  it('gives up on what it cannot read, for the check to count apart', () => {
    expect(readFeedFacts('<html><body>not a feed</body></html>')).toBeUndefined();
    expect(readFeedFacts('{"items": 3}')).toBeUndefined();
    expect(readFeedFacts('{not json')).toBeUndefined();
  });
});

describe('htmlText and markdownText', () => {
  it('give the same reader text for the same prose, whatever the markup', () => {
    expect(htmlText('<p>A <em>b</em> &amp; <a href="x">c</a><script>evil()</script></p>')).toBe('A b & c');
    expect(markdownText('A *b* \\& [c](x)\n\n- d\n\n![e](f.png)')).toBe('A b & c d e');
  });
});

describe('compareItem', () => {
  it('finds nothing when the archive kept what the feed gave (a link kept as an autolink)', () => {
    const entry = facts({
      title: 'Hello',
      date: 'Mon, 01 Jan 2024 00:00:00 GMT',
      authors: ['Ana', 'ana@example.org'],
      categories: ['news'],
      bodyHtml:
        '<p>Some text that is long enough to be compared by length.</p><p><a href="https://x.example/">link</a> <img src="/a.png"></p><pre>code</pre>',
      enclosures: 1,
      lang: 'en',
    });
    const archived = {
      frontmatter: {
        title: 'Hello',
        authors: ['Ana'],
        tags: ['news'],
        enclosures: [{ url: 'https://x.example/a.mp3' }],
        lang: 'en',
      },
      body: 'Some text that is long enough to be compared by length.\n\n<https://x.example/> ![](https://x.example/a.png)\n\n```\ncode\n```\n',
    };
    expect(compareItem('f.xml', entry, archived)).toEqual([]);
  });

  it('names each class of loss, with what differs', () => {
    const entry = facts({
      title: 'Caf&#233; &amp; more',
      date: 'Seg, 24 Set 2018 19:22:00 -0300',
      authors: ['Ana'],
      categories: ['news', 'food'],
      bodyHtml:
        '<p>A paragraph of the publisher’s text that the archive should keep whole.</p><img src="/a.png"><img src="/b.png"><pre>one</pre><a href="/x">x</a>',
      enclosures: 2,
      lang: 'fr',
    });
    const archived = {
      frontmatter: { title: 'Caf&#233; &amp; more', dateFlag: 'invalid', authors: ['bob@example.org'] },
      body: 'A paragraph&#xA; \\q\n\nx \uFFFD\n',
    };
    const file = 'feeds/cafe.xml';
    const item = 'Caf&#233; &amp; more';
    expect(compareItem(file, entry, archived)).toEqual([
      { class: 'title', file, item, detail: 'character references left in "Caf&#233; &amp; more"' },
      { class: 'date', file, item, detail: '"Seg, 24 Set 2018 19:22:00 -0300" was not read' },
      { class: 'authors', file, item, detail: 'an e-mail address is published as an author' },
      { class: 'tags', file, item, detail: '2 categories, no tags' },
      { class: 'text', file, item, detail: '12 of 62 letters and digits of the text kept' },
      { class: 'images', file, item, detail: '0 of 2 images kept' },
      { class: 'code', file, item, detail: '0 of 1 code blocks kept' },
      { class: 'links', file, item, detail: '0 of 1 links kept' },
      { class: 'markup', file, item, detail: 'character references in the Markdown: &#xA;' },
      { class: 'markup', file, item, detail: '1 stray backslash(es) in the Markdown' },
      { class: 'replacement', file, item, detail: 'U+FFFD in the archived item' },
      { class: 'enclosures', file, item, detail: '0 of 2 enclosures kept' },
      { class: 'language', file, item, detail: 'the feed says "fr", the item has no language' },
    ]);
  });

  it('does not count tracking pixels, emoji images, fragment links or beacons as lost', () => {
    const entry = facts({
      bodyHtml:
        '<img src="https://feeds.feedburner.com/~r/x/~4/abc" width="1" height="1">' +
        '<img src="https://s.w.org/images/core/emoji/14.0.0/72x72/1f600.png" alt="😀">' +
        '<a href="#top">top</a><a href="https://feeds.feedburner.com/~ff/x?a=1">flare</a>',
    });
    expect(compareItem('f.xml', entry, { frontmatter: { title: 'T' }, body: '😀 top\n' })).toEqual([]);
  });
});

describe('compareFeed', () => {
  it('matches archived items to entries by id (the archive’s collision suffix removed), else by link', () => {
    const entries = [
      facts({ id: 'https://a.example/1', categories: ['x'] }),
      facts({ link: 'https://a.example/2', categories: ['y'] }),
      facts({ id: 'unmatched', categories: ['z'] }),
    ];
    const archived = [
      { frontmatter: { id: 'https://a.example/1#0a1b2c3d', title: 'One' }, body: '' },
      { frontmatter: { id: 'other', link: 'https://a.example/2', title: 'Two' }, body: '' },
    ];
    expect(compareFeed('f.xml', entries, archived).map((f) => [f.item, f.detail])).toEqual([
      ['One', '1 categories, no tags'],
      ['Two', '1 categories, no tags'],
    ]);
  });
});

describe('formatFindingTable', () => {
  it('lists every class with its count and first examples, and the total', () => {
    const findings = [
      { class: 'tags' as const, file: 'a.xml', item: 'A', detail: '1 categories, no tags' },
      { class: 'tags' as const, file: 'b.xml', item: 'B', detail: '2 categories, no tags' },
      { class: 'code' as const, file: 'a.xml', item: 'A', detail: '0 of 1 code blocks kept' },
    ];
    const table = formatFindingTable(findings, 1).split('\n');
    expect(table.slice(0, 8)).toEqual([
      'class        findings',
      '-----------  --------',
      'title               0',
      'date                0',
      'authors             0',
      'tags                2',
      '    a.xml: A: 1 categories, no tags',
      'text                0',
    ]);
    expect(table.slice(-2)).toEqual(['-----------  --------', 'total               3']);
    expect(countByClass(findings)).toMatchObject({ tags: 2, code: 1, title: 0 });
  });
});
