import { describe, expect, it } from 'vitest';
import { slugify } from '#src/archive/slug.ts';
import { itemFileStem, itemKey, normaliseUrlKey } from '#src/ingest/identity.ts';
import { legacyHash as rawHash } from '#src/ingest/legacy-hash.ts';
import type { FeedEntry } from '#src/ingest/types.ts';

const entry = (fields: Partial<FeedEntry>): FeedEntry => ({ authors: [], categories: [], ...fields });
const PUBLISHED = '2026-03-01T10:00:00.000Z';

describe('itemKey', () => {
  it('treats http/https, www. and a trailing slash as the same guid', () => {
    const keys = [
      'http://www.example.org/posts/1/',
      'https://example.org/posts/1',
      'HTTPS://WWW.Example.org/posts/1//',
      ' https://example.org/posts/1 ',
    ].map((guid) => itemKey(entry({ guid })));
    expect(new Set(keys)).toEqual(new Set(['https://example.org/posts/1']));
  });

  it('keeps query strings and fragments, which tell items apart', () => {
    expect(normaliseUrlKey('http://example.org/p?id=2#c')).toBe('https://example.org/p?id=2#c');
    expect(itemKey(entry({ guid: 'https://e.org/?p=1' }))).not.toBe(itemKey(entry({ guid: 'https://e.org/?p=2' })));
  });

  it('keeps a non-URL guid as given, trimmed', () => {
    expect(itemKey(entry({ guid: '  tag:example.org,2026:1 ' }))).toBe('tag:example.org,2026:1');
  });

  it('falls back to the normalised link, then to a hash of title, date and content', () => {
    expect(itemKey(entry({ link: 'http://www.example.org/a/' }))).toBe('https://example.org/a');
    const hashed = itemKey(entry({ title: 't', published: 'p', contentHtml: 'c' }));
    expect(hashed).toBe('sha256:27ab16952e2d8d9900b3153459ebc331c7dda27d9e38f3f7497f1fa7d4fe7878');
    expect(itemKey(entry({ title: 't', published: 'p', contentHtml: 'd' }))).not.toBe(hashed);
  });
});

describe('the legacy hash (archives written before the publisher hash)', () => {
  it('is stable for equal entries and changes with any raw field', () => {
    const base = entry({ guid: 'g', title: 'T', contentHtml: '<p>x</p>', categories: ['a'] });
    expect(rawHash(base)).toBe(rawHash({ ...base }));
    expect(rawHash(base)).toMatch(/^sha256:[0-9a-f]{32}$/);
    const variants = [
      { ...base, title: 'T2' },
      { ...base, contentHtml: '<p>y</p>' },
      { ...base, categories: ['b'] },
      { ...base, categories: ['a', ''] },
      { ...base, image: 'https://i/' },
    ];
    expect(new Set([base, ...variants].map(rawHash)).size).toBe(6);
  });

  it('is the same for a guid that only moved to https, gained www. or a trailing slash', () => {
    const base = entry({ guid: 'http://example.org/posts/1', title: 'T', contentHtml: '<p>x</p>' });
    const hashes = [
      'http://example.org/posts/1',
      'https://example.org/posts/1',
      'http://www.example.org/posts/1',
      'https://www.example.org/posts/1/',
    ].map((guid) => rawHash({ ...base, guid }));
    expect(new Set(hashes).size).toBe(1);
    expect(rawHash({ ...base, guid: 'https://example.org/posts/2' })).not.toBe(hashes[0]);
    expect(rawHash({ ...base, link: 'https://example.org/posts/1' })).not.toBe(hashes[0]);
  });

  it('tells a missing field from an empty one', () => {
    expect(rawHash(entry({ title: '' }))).not.toBe(rawHash(entry({})));
  });
});

describe('itemFileStem', () => {
  it.each([
    ['Hello, World!', '2026-03-01-hello-world'],
    ['Привет, мир', '2026-03-01-privet-mir'],
    ['Ελληνικά νέα', '2026-03-01-ellinika-nea'],
    ['Crème brûlée & café', '2026-03-01-creme-brulee-and-cafe'],
    ['../../etc/passwd', '2026-03-01-etc-passwd'],
    ['..', '2026-03-01-untitled-8254c329'],
    ['中文标题', '2026-03-01-中文标题'],
    ['C:\\Windows\\con.txt', '2026-03-01-c-windows-con-txt'],
    ['a/b\u0000c', '2026-03-01-a-b-c'],
  ])('names %j as %s', (title, stem) => {
    expect(itemFileStem(entry({ title }), PUBLISHED, 'k')).toBe(stem);
  });

  it('never makes an empty name and tells untitled items apart by their key', () => {
    expect(itemFileStem(entry({}), PUBLISHED, 'k')).toBe('2026-03-01-untitled-8254c329');
    expect(itemFileStem(entry({}), PUBLISHED, 'other')).not.toBe(itemFileStem(entry({}), PUBLISHED, 'k'));
  });

  it('caps the name at 80 ASCII characters, cut at a word and ending in a hash of the whole slug', () => {
    const stem = itemFileStem(entry({ title: `${'word '.repeat(40)}end` }), PUBLISHED, 'k');
    expect(stem.length).toBeLessThanOrEqual(80);
    expect(stem).toBe(`2026-03-01-${'word-'.repeat(11)}word-3f17cdd2`);
    expect(stem).toMatch(/^[a-z0-9-]+$/);
  });

  it('tells apart long titles that share their first 80 characters', () => {
    const title = 'word '.repeat(40);
    const stems = ['one', 'two', 'One!'].map((end) => itemFileStem(entry({ title: `${title}${end}` }), PUBLISHED, 'k'));
    expect(stems[0]).not.toBe(stems[1]);
    expect(stems[2]).toBe(stems[0]);
  });
});

describe('slugify', () => {
  it.each([
    ['JavaScript', 'javascript'],
    ['javascript', 'javascript'],
    ['  Web Dev ', 'web-dev'],
    ['Résumé Tips', 'resume-tips'],
    ['Привет', 'privet'],
    ['C++', 'c-plus-plus'],
    ['C#', 'c-sharp'],
    ['中文', '中文'],
    ['🙂', 'x-d06f1525'],
  ])('%j -> %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
