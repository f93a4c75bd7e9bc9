import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { authorName } from '#src/ingest/authors.ts';
import { languageTag } from '#src/ingest/language.ts';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import type { ConvertedItem } from '#src/ingest/types.ts';
import { itemLangAttributes } from '#src/site/lang.ts';

const ctx = {
  source: 'fixture',
  extraTags: [],
  firstSeen: '2026-03-10T00:00:00.000Z',
  now: '2026-03-10T00:00:00.000Z',
};

/** The fixture as the snapshot reads a local file: its location is a file: URL, never a base. */
async function archived(name: string): Promise<ConvertedItem[]> {
  const url = new URL(`../fixtures/fidelity/${name}`, import.meta.url);
  const parsed = await parseFeed(await readFile(url, 'utf8'), url.href);
  return parsed.entries.map((entry) => convertEntry(entry, ctx));
}

describe('relative URLs', () => {
  it('resolve against the entry’s own link when no xml:base is declared, even in a local file', async () => {
    const [amp, declared, none] = await archived('relative-urls.xml');
    expect(amp?.body).toBe(
      'The first stage:\n\n![Stage one schematic](https://circuits.example/2026/03/amp/stage-1.png)\n\n' +
        'Compare [the filter](https://circuits.example/2026/03/02/filter/) and [the author](https://circuits.example/about).',
    );
    expect(amp?.frontmatter.image).toBe('https://circuits.example/2026/03/amp/stage-1.png');
    expect(declared?.body).toBe('![Board](https://cdn.circuits.example/media/board.jpg)');
    expect(none?.body).toBe('See the notes.');
    expect(none?.alterations?.first).toEqual([{ kind: 'url-refused', detail: 'notes.html' }]);
  });
});

describe('links', () => {
  it('take feedburner:origLink over the proxy link, keeping the guid as identity', async () => {
    const [item] = await archived('feedburner-origlink.xml');
    expect(item?.frontmatter.link).toBe('https://proxy-blog.example/2026/03/moved-on/');
    expect(item?.frontmatter.id).toBe('https://proxy-blog.example?p=77');
  });

  it('read an empty Atom href as the base document itself', async () => {
    const [item] = await archived('atom-empty-href.xml');
    expect(item?.frontmatter.link).toBe('https://empty.example/posts/hello/');
  });
});

describe('authors', () => {
  it('are names, never bare addresses, with the feed’s editor when an item names no one', async () => {
    const items = await archived('authors.xml');
    expect(items.map((item) => item.frontmatter.authors)).toEqual([
      ['Jane Doe'],
      ['Kenji Sato'],
      ['Rosa Editor'],
      ['Ana Lima'],
    ]);
    expect(items[2]?.alterations).toEqual({
      total: 1,
      byKind: { 'address-hidden': 1 },
      first: [{ kind: 'address-hidden', detail: 's…@hands.example' }],
    });
    expect(items[3]?.alterations).toBeUndefined();
  });

  it('name one person from each form a feed writes', () => {
    expect(authorName('jane@example.com (Jane Doe)')).toBe('Jane Doe');
    expect(authorName('"Jane Doe" <jane@example.com>')).toBe('Jane Doe');
    expect(authorName('mailto:jane@example.com')).toBeUndefined();
    expect(authorName('jane@example.com ()')).toBeUndefined();
    expect(authorName('Jane &amp; John')).toBe('Jane & John');
  });
});

describe('JSON Feed tags and languages', () => {
  it('keep a tag given as a string, and each item’s language', async () => {
    const [first, second] = await archived('json-tags-string.json');
    expect(first?.frontmatter.tags).toEqual(['receitas']);
    expect(first?.frontmatter.lang).toBe('pt-BR');
    expect(second?.frontmatter.tags).toEqual(['أخبار']);
    expect(second?.frontmatter.lang).toBe('ar');
    expect(second?.frontmatter.authors).toEqual([]);
    expect(second?.alterations?.byKind).toEqual({ 'address-hidden': 1 });
  });
});

describe('languages', () => {
  it('come from the item, else the channel, as canonical tags', async () => {
    const items = await archived('language-per-item.xml');
    expect(items.map((item) => item.frontmatter.lang)).toEqual(['pt-BR', 'en-US']);
    expect(languageTag('English')).toBeUndefined();
    expect(languageTag('zh_hant_tw')).toBe('zh-Hant-TW');
  });

  it('mark the publisher’s text only when it differs from the site’s, with its direction', () => {
    expect(itemLangAttributes('pt-BR', 'en')).toEqual({ lang: 'pt-BR' });
    expect(itemLangAttributes('en-US', 'en')).toEqual({});
    expect(itemLangAttributes('ar', 'en')).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(itemLangAttributes('en', 'he')).toEqual({ lang: 'en', dir: 'ltr' });
    expect(itemLangAttributes(undefined, 'en')).toEqual({});
  });
});
