import { describe, expect, it } from 'vitest';
import { shortHash } from '#src/archive/hash.ts';
import { avoidReserved, boundSlug, isWindowsReserved, MAX_SLUG_BYTES } from '#src/archive/segment.ts';

const bytes = (text: string) => Buffer.byteLength(text);

describe('boundSlug', () => {
  it('leaves a slug that fits as it is', () => {
    const exact = 'a'.repeat(MAX_SLUG_BYTES);
    expect(boundSlug('python')).toBe('python');
    expect(boundSlug(exact)).toBe(exact);
  });

  it('cuts a longer slug and ends it in a hash of the whole slug', () => {
    const slug = `${'a'.repeat(MAX_SLUG_BYTES)}b`;
    expect(boundSlug(slug)).toBe(`${'a'.repeat(MAX_SLUG_BYTES - 9)}-${shortHash(slug)}`);
  });

  it('gives two long slugs with a common beginning two names', () => {
    const common = 'word-'.repeat(60);
    expect(boundSlug(`${common}one`)).not.toBe(boundSlug(`${common}two`));
    expect(bytes(boundSlug(`${common}one`))).toBeLessThanOrEqual(MAX_SLUG_BYTES);
  });

  it('drops a hyphen the cut leaves at the end', () => {
    expect(boundSlug(`${'a'.repeat(70)}-${'b'.repeat(20)}`)).toMatch(/^a{70}-[0-9a-f]{8}$/);
  });

  it('cuts between characters of three and four bytes, never inside one', () => {
    const cjk = '中'.repeat(200);
    expect(boundSlug(cjk)).toBe(`${'中'.repeat(23)}-${shortHash(cjk)}`);
    const astral = '𝒜'.repeat(200);
    expect(boundSlug(astral)).toBe(`${'𝒜'.repeat(17)}-${shortHash(astral)}`);
  });

  it('keeps a letter with its combining marks', () => {
    // e + U+0301 is one grapheme of 3 bytes: 71 bytes of room hold 23 of them, not 23 and a bare e.
    const marked = 'e\u0301'.repeat(100);
    expect(boundSlug(marked)).toBe(`${'e\u0301'.repeat(23)}-${shortHash(marked)}`);
  });

  it('cuts inside a grapheme only when one grapheme would take most of the room', () => {
    const stacked = `a${'\u0301'.repeat(200)}`;
    const bounded = boundSlug(stacked);
    expect(bytes(bounded)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
    expect(bounded).toBe(`a${'\u0301'.repeat(35)}-${shortHash(stacked)}`);
  });

  it('takes another bound', () => {
    expect(bytes(boundSlug('x'.repeat(100), 20))).toBe(20);
  });
});

describe('isWindowsReserved', () => {
  it.each([
    'con',
    'CON',
    'prn',
    'aux',
    'nul',
    'com1',
    'com9',
    'lpt1',
    'LPT9',
    'com¹',
    'nul.txt',
    'con.tar.gz',
    'aux ',
    'con .md',
  ])('refuses %j', (name) => {
    expect(isWindowsReserved(name)).toBe(true);
  });

  it.each(['console', 'con-x', 'com', 'com10', 'lpt', 'nul-feed', 'auxiliary', 'xcon', 'prn2', '.con'])(
    'accepts %j',
    (name) => {
      expect(isWindowsReserved(name)).toBe(false);
    },
  );
});

describe('avoidReserved', () => {
  it('suffixes only a reserved name and that name with suffixes', () => {
    const isPage = (stem: string) => stem === 'page';
    expect(['page', 'page-tag', 'pages', 'tag', 'x'].map((slug) => avoidReserved(slug, isPage, '-tag'))).toEqual([
      'page-tag',
      'page-tag-tag',
      'pages',
      'tag',
      'x',
    ]);
  });
});
