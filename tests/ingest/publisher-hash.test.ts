/**
 * The publisher hash: the normal form of an item as written, which a
 * publisher's edit changes and a reformatting of the document, a checkout at
 * another path or a change of feedshelf's parsing and conversion does not.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entryHash } from '#src/ingest/item-hash.ts';
import { parseFeed } from '#src/ingest/parse.ts';
import { attachPublisherHashes, canonicalJson, jsonItemHash, xmlItemHashes } from '#src/ingest/publisher-hash.ts';

const FEED = readFileSync(new URL('../fixtures/fidelity/item-hash.xml', import.meta.url), 'utf8');

function pub1(form: string): string {
  return `pub1:${createHash('sha256').update(form).digest('hex').slice(0, 32)}`;
}

async function hashes(text: string, url = 'https://harbour.example/feed.xml'): Promise<(string | undefined)[]> {
  return (await parseFeed(text, url)).entries.map((entry) => entry.publisherHash);
}

describe('the normal form, version 1', () => {
  it('is the item element as JSON: names in their namespace, attributes sorted, text decoded and collapsed, guid and comment count left out', () => {
    const first =
      '["item",{},["title",{},"Episode 12: Tom\'s boat"],["link",{},"https://harbour.example/shows/12"],' +
      '["{http://purl.org/dc/elements/1.1/}creator",{},"Mira Holt"],["pubDate",{},"Mon, 02 Mar 2026 08:00:00 GMT"],' +
      '["description",{},"Tom & the boat he built."],' +
      '["{http://purl.org/rss/1.0/modules/content/}encoded",{},"<p>Tom & the <em>boat</em> he built.</p>"],' +
      '["enclosure",{"length":"41234567","type":"audio/mpeg","url":"https://cdn.harbour.example/12.mp3"}]]';
    const second =
      '["item",{},["title",{},"Episode 11: Nets"],["link",{},"https://harbour.example/shows/11"],' +
      '["{http://purl.org/dc/elements/1.1/}creator",{},"Mira Holt"],["pubDate",{},"Mon, 23 Feb 2026 08:00:00 GMT"],' +
      '["description",{},"Mending nets, in winter."],' +
      '["enclosure",{"length":"39000000","type":"audio/mpeg","url":"https://cdn.harbour.example/11.mp3"}]]';
    expect(xmlItemHashes(FEED)).toEqual([pub1(first), pub1(second)]);
  });

  it('hashes Atom entries by namespace, whatever the prefix, without their id', () => {
    const prefixed =
      '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>T</a:title>' +
      '<a:entry><a:id>tag:x,2026:1</a:id><a:title type="html">A &lt;b&gt;</a:title><a:link href="https://x.example/1"/></a:entry></a:feed>';
    const unprefixed =
      '<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>T</title>\n  <entry>\n    <id>https://x.example/other-id</id>\n' +
      '    <title type="html"><![CDATA[A <b>]]></title>\n    <link href="https://x.example/1"></link>\n  </entry>\n</feed>\n';
    const form =
      '["{http://www.w3.org/2005/Atom}entry",{},["{http://www.w3.org/2005/Atom}title",{"type":"html"},"A <b>"],' +
      '["{http://www.w3.org/2005/Atom}link",{"href":"https://x.example/1"}]]';
    expect(xmlItemHashes(prefixed)).toEqual([pub1(form)]);
    expect(xmlItemHashes(unprefixed)).toEqual([pub1(form)]);
  });

  it('hashes the items of RSS 1.0 without their rdf:about, and only the first channel of RSS 2.0', () => {
    const rdf =
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">' +
      '<channel rdf:about="https://r.example/"><title>R</title></channel>' +
      '<item rdf:about="https://r.example/a"><title>A</title></item></rdf:RDF>';
    expect(xmlItemHashes(rdf)).toEqual([
      pub1('["{http://purl.org/rss/1.0/}item",{},["{http://purl.org/rss/1.0/}title",{},"A"]]'),
    ]);
    const twoChannels =
      '<rss><channel><item><title>1</title></item></channel><channel><item><title>2</title></item></channel></rss>';
    expect(xmlItemHashes(twoChannels)).toEqual([pub1('["item",{},["title",{},"1"]]')]);
  });

  it('decodes only XML references: an HTML entity or a stray ampersand of a feed that is not well-formed stays as written', () => {
    const feed =
      '<rss><channel><item><title>AT&T &nbsp; &#xD800; &#233;&amp; &amp;lt; &#38;lt; &#x3C;</title></item></channel></rss>';
    expect(xmlItemHashes(feed)).toEqual([pub1('["item",{},["title",{},"AT&T &nbsp; &#xD800; é& &lt; &lt; <"]]')]);
  });

  it('serialises JSON canonically (RFC 8785): keys sorted, no whitespace', () => {
    expect(canonicalJson({ b: [1, 2.5, 'x'], a: { d: null, c: true }, '1': 'one' })).toBe(
      '{"1":"one","a":{"c":true,"d":null},"b":[1,2.5,"x"]}',
    );
  });
});

/** The fixture's first item, written differently but saying the same. */
const SAME_ITEM: Record<string, (feed: string) => string> = {
  'whitespace between elements reformatted': (feed) =>
    feed.replace(/>\s+</g, '><').replace(/<title>Episode 12/, '<title>\n  Episode 12'),
  'attributes in another order': (feed) =>
    feed.replace(
      '<enclosure url="https://cdn.harbour.example/12.mp3" length="41234567" type="audio/mpeg"/>',
      '<enclosure type=\'audio/mpeg\' length="41234567"   url="https://cdn.harbour.example/12.mp3"></enclosure>',
    ),
  '&#39; for an apostrophe': (feed) => feed.replace("Tom's boat", 'Tom&#39;s boat'),
  '&apos; for an apostrophe': (feed) => feed.replace("Tom's boat", 'Tom&apos;s boat'),
  'escaped text for CDATA': (feed) =>
    feed.replace(
      '<![CDATA[<p>Tom & the <em>boat</em> he built.</p>]]>',
      '&lt;p&gt;Tom &amp; the &lt;em&gt;boat&lt;/em&gt; he built.&lt;/p&gt;',
    ),
  'CDATA for escaped text': (feed) =>
    feed.replace('Tom &amp; the boat he built.', '<![CDATA[Tom & the boat he built.]]>'),
  'another namespace prefix': (feed) => feed.replaceAll('dc:', 'dublin:').replace('xmlns:dc=', 'xmlns:dublin='),
  'a comment added': (feed) => feed.replace('<title>Episode 12', '<!-- show notes --><title>Episode 12'),
  'the guid rewritten, which the key stands for': (feed) =>
    feed.replace('<guid isPermaLink="false">harbour-12</guid>', '<guid>https://harbour.example/shows/12</guid>'),
  'a new comment count': (feed) =>
    feed.replace('<slash:comments>3</slash:comments>', '<slash:comments>17</slash:comments>'),
};

/** The fixture's first item, edited by its publisher. */
const EDITED_ITEM: Record<string, (feed: string) => string> = {
  title: (feed) => feed.replace("Tom's boat", "Tom's new boat"),
  body: (feed) => feed.replace('<em>boat</em> he built.', '<em>boat</em> he built last winter.'),
  enclosure: (feed) => feed.replace('https://cdn.harbour.example/12.mp3', 'https://cdn.harbour.example/12-fixed.mp3'),
  date: (feed) => feed.replace('Mon, 02 Mar 2026 08:00:00 GMT', 'Mon, 02 Mar 2026 09:00:00 GMT'),
};

describe('a publisher hash', () => {
  it.each(Object.entries(SAME_ITEM))('is the same with %s', async (_what, rewrite) => {
    const before = await hashes(FEED);
    expect(before.every((hash) => hash?.startsWith('pub1:'))).toBe(true);
    expect(await hashes(rewrite(FEED))).toEqual(before);
  });

  it.each(Object.entries(EDITED_ITEM))('changes with an edit of the %s, for that item only', async (_what, rewrite) => {
    const [first, second] = await hashes(FEED);
    const [editedFirst, editedSecond] = await hashes(rewrite(FEED));
    expect(editedFirst).not.toBe(first);
    expect(editedSecond).toBe(second);
  });

  it('is the same for a feed read from another path or URL', async () => {
    expect(await hashes(FEED, 'file:///home/a/feedshelf/feeds/harbour.xml')).toEqual(
      await hashes(FEED, 'file:///srv/runner/work/feeds/harbour.xml'),
    );
    expect(await hashes(FEED, 'file:///home/a/feeds/harbour.xml')).toEqual(await hashes(FEED));
  });

  it('is what an entry is archived under, whatever the conversion makes of its fields', async () => {
    const [entry] = (await parseFeed(FEED, 'https://harbour.example/feed.xml')).entries;
    if (!entry) throw new Error('the fixture has an entry');
    const hash = entryHash(entry);
    expect(hash).toBe(entry.publisherHash);
    const reparsed = {
      ...entry,
      title: 'Episode 12: Tom’s boat',
      authors: ['M. Holt'],
      baseUrl: 'https://harbour.example/',
    };
    expect(entryHash(reparsed)).toBe(hash);
  });

  it('of a JSON Feed item ignores key order, spacing, escapes and the id', async () => {
    const one =
      '{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"Tom\'s boat","url":"https://j.example/1","content_text":"Hi"}]}';
    const two =
      '{\n  "items": [\n    {\n      "content_text": "Hi",\n      "url": "https://j.example/1",\n      "title": "Tom\\u0027s boat",\n      "id": "https://j.example/id/1"\n    }\n  ],\n  "version": "https://jsonfeed.org/version/1.1"\n}';
    const form = '{"content_text":"Hi","title":"Tom\'s boat","url":"https://j.example/1"}';
    expect(await hashes(one)).toEqual([pub1(form)]);
    expect(await hashes(two)).toEqual([pub1(form)]);
    expect(jsonItemHash({ title: "Tom's new boat", url: 'https://j.example/1', content_text: 'Hi' })).not.toBe(
      pub1(form),
    );
  });

  it('is given to no entry when the items found are not as many as the parser read', () => {
    const parsed = attachPublisherHashes(
      { format: 'rss2', entries: [{ authors: [], categories: [], title: 'one' }] },
      '<rss><channel></channel></rss>',
    );
    expect(parsed.entries).toEqual([{ authors: [], categories: [], title: 'one' }]);
  });
});
