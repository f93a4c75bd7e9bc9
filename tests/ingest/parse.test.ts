import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedError, FeedParseError } from '#src/ingest/errors.ts';
import { parseFeed } from '#src/ingest/parse.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');

describe('parseFeed: formats', () => {
  it('reads RSS 2.0 with content:encoded, dc:creator, categories and media:thumbnail', async () => {
    const feed = await parseFeed(fixture('rss2.xml'), 'https://example.org/feed.xml');
    expect(feed).toEqual({
      format: 'rss2',
      title: 'Example Blog',
      siteUrl: 'https://example.org/',
      entries: [
        {
          publisherHash: 'pub1:bd2fcd7fda69da52c84ba71ccfaa2905',
          authors: ['Zoë Müller'],
          categories: ['JavaScript', 'javascript', 'Web'],
          guid: 'http://www.example.org/posts/cafe/',
          link: 'https://example.org/posts/cafe',
          title: 'Café & code',
          published: 'Mon, 02 Mar 2026 09:30:00 +0000',
          contentHtml:
            '<p>Full <em>body</em> with <a href="/about">a relative link</a>.</p><p><img src="img/cup.png" alt="A cup"></p>',
          summaryHtml: 'A short teaser.',
          baseUrl: 'https://example.org/posts/cafe',
          image: 'https://example.org/thumb.jpg',
        },
        {
          publisherHash: 'pub1:d9da7b0cc8eee9420ca50b4eeb2874e1',
          authors: ['Jane Doe'],
          categories: [],
          link: 'https://example.org/posts/second',
          title: 'Second post',
          published: 'not a date',
          contentHtml: '<p>AT&amp;T rocks</p>',
          baseUrl: 'https://example.org/posts/second',
        },
      ],
    });
  });

  it('reads RSS 0.91 with a Netscape DOCTYPE', async () => {
    const feed = await parseFeed(fixture('rss091.xml'), 'http://old.example.com/rss');
    expect(feed.format).toBe('rss09');
    expect(feed.title).toBe('Old School');
    expect(feed.entries.map((entry) => [entry.title, entry.link, entry.contentHtml])).toEqual([
      ['First item', 'http://old.example.com/1', 'Plain <b>bold</b> text'],
      ['Second item', 'http://old.example.com/2', 'More text'],
    ]);
  });

  it('reads RSS 1.0 (RDF) with rdf:about as the guid and dc:date', async () => {
    const feed = await parseFeed(fixture('rss1.rdf'), 'https://rdf.example.net/rss');
    expect(feed.format).toBe('rss1');
    expect(feed.entries[0]).toEqual({
      publisherHash: 'pub1:15271a0c60013905b3c1661cefad81eb',
      authors: ['Ann'],
      categories: ['Semantic Web'],
      guid: 'https://rdf.example.net/a',
      link: 'https://rdf.example.net/a',
      title: 'Item A',
      published: '2026-02-01T08:00:00Z',
      contentHtml: 'Text of A',
      baseUrl: 'https://rdf.example.net/a',
    });
    expect(feed.entries).toHaveLength(2);
  });

  it('reads Atom, honouring type="text|html|xhtml" and xml:base on feed, entry and content', async () => {
    const feed = await parseFeed(fixture('atom.xml'), 'https://atom.example.com/blog/feed.xml');
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Atom & Eve');
    expect(feed.siteUrl).toBe('https://atom.example.com/blog/');
    const [html, xhtml, text] = feed.entries;
    expect(html).toEqual({
      publisherHash: 'pub1:35edd0ca0086857fb2f543d2cd2422c6',
      authors: ['Feed Author'],
      categories: ['Atom', 'xml'],
      guid: 'tag:atom.example.com,2026:1',
      link: 'https://atom.example.com/blog/posts/html-post',
      title: 'Using HTML titles & more',
      published: '2026-03-01T10:00:00Z',
      updated: '2026-03-02T10:00:00Z',
      contentHtml: '<p>See <img src="pic.png" alt="Picture"> and <a href="../other">other</a>.</p>',
      summaryHtml: '<p>Short &lt;plain&gt; summary</p>',
      baseUrl: 'https://cdn.example.com/media/',
    });
    expect(xhtml?.title).toBe('An XHTML title');
    expect(xhtml?.authors).toEqual(['Entry Author', 'Second Author']);
    expect(xhtml?.contentHtml).toBe('<p>XHTML <strong>body</strong> &amp; <a href="rel">link</a></p>');
    expect(xhtml?.link).toBe('https://atom.example.com/blog/xhtml-post');
    expect(text?.title).toBe('Plain <text> title');
    expect(text?.contentHtml).toBe('<p>Line one &lt;b&gt;not bold&lt;/b&gt;</p><p>Line two</p>');
  });

  it('reads JSON Feed 1.1, including numeric ids, content_text and feed-level authors', async () => {
    const feed = await parseFeed(fixture('jsonfeed.json'), 'https://json.example.com/feed.json');
    expect(feed.format).toBe('json');
    expect(feed.title).toBe('JSON Example');
    expect(feed.siteUrl).toBe('https://json.example.com/');
    expect(feed.entries).toEqual([
      {
        publisherHash: 'pub1:ee9eb4bc7098a7dc9cde6f759d45d2e8',
        authors: ['Item Writer'],
        categories: ['json', 'Feeds'],
        baseUrl: 'https://json.example.com/one',
        guid: '1',
        link: 'https://json.example.com/one',
        title: 'First JSON item',
        published: '2026-03-10T10:00:00Z',
        contentHtml: '<p>Hello <strong>JSON</strong> <img src="/i.png" alt="icon"></p>',
        summaryHtml: 'Hello JSON',
      },
      {
        publisherHash: 'pub1:1bbff5ad7dab8b77d6cd93ccbb653c64',
        authors: ['Feed Writer'],
        categories: [],
        baseUrl: 'https://json.example.com/two',
        guid: '2',
        link: 'https://json.example.com/two',
        published: '2026-03-11T10:00:00Z',
        contentHtml: '<p>Only text here.</p><p>Second paragraph.</p>',
        image: 'https://json.example.com/two.jpg',
      },
    ]);
  });

  it('reads a namespaced Atom root and an RSS root without a version', async () => {
    const atom = await parseFeed(
      '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>NS</a:title><a:entry><a:id>x1</a:id><a:title>E</a:title></a:entry></a:feed>',
      'https://ns.example/feed',
    );
    expect([atom.format, atom.title, atom.entries[0]?.guid, atom.entries[0]?.title]).toEqual(['atom', 'NS', 'x1', 'E']);
    const rss = await parseFeed(
      '<rss><channel><title>V</title><item><title>I</title></item></channel></rss>',
      'https://v/',
    );
    expect([rss.format, rss.title, rss.entries[0]?.title]).toEqual(['rss2', 'V', 'I']);
  });

  it('keeps HTML named entities and bare ampersands from breaking the XML', async () => {
    const feed = await parseFeed(
      '<rss version="2.0"><channel><title>A&nbsp;&mdash; B &amp; AT&T &bogus;</title></channel></rss>',
      'https://e.example/',
    );
    expect(feed.title).toBe('A — B & AT&T &bogus;');
  });

  it('keeps an invalid Atom date raw instead of failing the feed', async () => {
    const feed = await parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><published>yesterday-ish</published></entry></feed>',
      'https://d.example/',
    );
    expect(feed.entries[0]?.published).toBe('yesterday-ish');
  });
});

describe("parseFeed: the feed's own image", () => {
  const url = 'https://site.example/feed/';

  it('reads RSS 2.0 <image><url>, else the channel itunes:image, resolved against the feed', async () => {
    const rss = (channel: string) =>
      `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title>${channel}</channel></rss>`;
    expect((await parseFeed(rss('<image><url>/logo.png</url><title>T</title><link>/</link></image>'), url)).image).toBe(
      'https://site.example/logo.png',
    );
    expect((await parseFeed(rss('<itunes:image href="https://cdn.example/show.jpg"/>'), url)).image).toBe(
      'https://cdn.example/show.jpg',
    );
    expect((await parseFeed(rss('<image><url>javascript:alert(1)</url></image>'), url)).image).toBeUndefined();
  });

  it("reads RSS 1.0's channel <image rdf:resource>", async () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="https://site.example/"><title>T</title><link>https://site.example/</link>
        <image rdf:resource="https://site.example/rdf.gif"/></channel>
      <image rdf:about="https://site.example/rdf.gif"><url>https://site.example/rdf.gif</url></image></rdf:RDF>`;
    expect((await parseFeed(rdf, url)).image).toBe('https://site.example/rdf.gif');
  });

  it('reads Atom <logo>, else <icon>, against xml:base', async () => {
    const atom = (children: string) =>
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/"><title>T</title><id>x</id>${children}</feed>`;
    expect((await parseFeed(atom('<icon>favicon.ico</icon><logo>logo.svg</logo>'), url)).image).toBe(
      'https://atom.example/blog/logo.svg',
    );
    expect((await parseFeed(atom('<icon>/icon.png</icon>'), url)).image).toBe('https://atom.example/icon.png');
    expect((await parseFeed(atom(''), url)).image).toBeUndefined();
  });

  it('reads JSON Feed icon, else favicon', async () => {
    const json = (extra: object) =>
      JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [], ...extra });
    expect((await parseFeed(json({ icon: 'big.png', favicon: 'small.png' }), url)).image).toBe(
      'https://site.example/feed/big.png',
    );
    expect((await parseFeed(json({ favicon: 'https://cdn.example/f.png' }), url)).image).toBe(
      'https://cdn.example/f.png',
    );
  });
});

describe('parseFeed: errors', () => {
  const url = 'https://bad.example/feed';
  it.each([
    [
      'an empty body',
      '  \n ',
      'empty',
      'The feed at https://bad.example/feed is empty: check the URL or try again later.',
    ],
    [
      'an HTML page',
      '<!DOCTYPE html><html><head><title>Home</title></head><body>Hi</body></html>',
      'html',
      "The document at https://bad.example/feed looks like an HTML page, not a feed: check the URL, or give the page's URL to feedshelf feeds add, which finds the feed the page links to.",
    ],
    [
      'a truncated feed',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut',
      'invalid-xml',
      'The feed at https://bad.example/feed is not well-formed XML (Unclosed root tag): it may be truncated; try again later or tell the publisher.',
    ],
    [
      'a billion-laughs DOCTYPE',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>&lol2;</title></channel></rss>',
      'entities',
      'The feed at https://bad.example/feed declares XML entities in its DOCTYPE, which feedshelf refuses to expand: ask the publisher for a plain feed.',
    ],
    [
      'an unknown root element',
      '<?xml version="1.0"?><opml version="2.0"><body/></opml>',
      'unknown-root',
      'The document at https://bad.example/feed has an unknown root element <opml>, so it is not an RSS, Atom or JSON feed: check the URL.',
    ],
    [
      'JSON that is not a JSON Feed',
      '{"hello": "world"}',
      'not-json-feed',
      'The document at https://bad.example/feed is JSON but not a JSON Feed (it needs "version": "https://jsonfeed.org/version/1.1" and an "items" array): check the URL.',
    ],
    [
      'broken JSON',
      '{"version": "https://jsonfeed.org/version/1.1", "items": [',
      'invalid-json',
      'The feed at https://bad.example/feed starts like JSON but is not valid JSON: it may be truncated; try again later or tell the publisher.',
    ],
    [
      'Atom content nested 5,000 elements deep',
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id><content type="text">${'<svg>'.repeat(5000)}x${'</svg>'.repeat(5000)}</content></entry></feed>`,
      'invalid-xml',
      'The feed at https://bad.example/feed nests its elements too deeply to be read: tell the publisher.',
    ],
    [
      'plain text',
      'Service unavailable',
      'invalid-xml',
      'The document at https://bad.example/feed has no root element, so it is not an RSS, Atom or JSON feed: check the URL.',
    ],
  ])('rejects %s with a FeedParseError', async (_name, text, code, message) => {
    const error = await parseFeed(text, url).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({ code, message, url });
  });
});
