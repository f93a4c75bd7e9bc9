import { describe, expect, it } from 'vitest';
import { feedLinks } from '#src/ingest/discover.ts';

describe('feedLinks', () => {
  it('finds RSS, Atom and JSON Feed alternates in document order, hrefs resolved against the page', () => {
    const html = `<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="/style.css">
      <LINK REL="Alternate" TYPE="application/RSS+XML" title=" Posts " href="../feed.xml">
      <link rel="alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
      <link rel="alternate" type="application/json" href="/feed.json">
      <link rel="alternate" hreflang="de" href="/de/">
      <link rel="alternate" type="text/html" href="/print/">
      <link rel="alternate" type="application/rss+xml" href="../feed.xml">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="">
      </head><body><link rel="alternate" type="application/rss+xml" href="/comments.xml"></body></html>`;
    expect(feedLinks(html, 'https://blog.example/posts/')).toEqual([
      { url: 'https://blog.example/feed.xml', type: 'application/rss+xml', title: 'Posts' },
      { url: 'https://blog.example/posts/atom.xml', type: 'application/atom+xml' },
      { url: 'https://cdn.example/feed.json', type: 'application/feed+json' },
      { url: 'https://blog.example/feed.json', type: 'application/json' },
      { url: 'https://blog.example/comments.xml', type: 'application/rss+xml' },
    ]);
  });

  it("resolves against the page's <base href>, wherever the links are", () => {
    const html = '<head><link rel="alternate" type="application/atom+xml" href="atom.xml"><base href="/blog/"></head>';
    expect(feedLinks(html, 'https://example.org/2026/03/post.html')).toEqual([
      { url: 'https://example.org/blog/atom.xml', type: 'application/atom+xml' },
    ]);
  });

  it('finds nothing on a page without feed links', () => {
    expect(feedLinks('<html><head><title>x</title></head></html>', 'https://example.org/')).toEqual([]);
  });
});
