import { describe, expect, it } from 'vitest';
import { shortHash } from '#src/archive/hash.ts';
import { MAX_SLUG_BYTES } from '#src/archive/segment.ts';
import { slugify } from '#src/archive/slug.ts';
import { authorSlug, tagSlug } from '#src/site/urls.ts';

describe('slugify', () => {
  it('lower-cases and transliterates', () => {
    expect(slugify('Ana Núñez')).toBe('ana-nunez');
    expect(slugify('Søren Kierkegaard-Ås')).toBe('soren-kierkegaard-as');
    expect(slugify('Zoë Brontë')).toBe('zoe-bronte');
  });

  it('keeps C++ and C# apart', () => {
    expect(slugify('C++')).toBe('c-plus-plus');
    expect(slugify('C#')).toBe('c-sharp');
  });

  it('is never empty', () => {
    expect(slugify('!!!')).not.toBe('');
    expect(slugify('')).not.toBe('');
  });

  it('names text with no letters by a hash of its NFKC form', () => {
    expect(slugify('🙂')).toBe(`x-${shortHash('🙂')}`);
    expect(slugify('!!!')).not.toBe(slugify('???'));
    expect(slugify('！！！')).toBe(slugify('!!!'));
  });

  it('gives NFC and NFD spellings one slug', () => {
    expect(slugify('Zoë Brontë'.normalize('NFD'))).toBe('zoe-bronte');
    expect(slugify('한국어'.normalize('NFD'))).toBe('한국어');
    expect(slugify('🙂\u0301'.normalize('NFD'))).toBe(slugify('🙂\u0301'.normalize('NFC')));
  });

  it('moves a Windows device name off itself, and keeps the moved name apart', () => {
    expect(['CON', 'Aux', 'nul', 'COM1', 'lpt¹'].map(slugify)).toEqual(['con-x', 'aux-x', 'nul-x', 'com1-x', 'lpt1-x']);
    expect(slugify('con x')).toBe('con-x-x');
    expect(slugify('Console')).toBe('console');
  });

  it('bounds a long name in bytes and tells long names with a common beginning apart', () => {
    const prefix = 'Dr. Very Long Name '.repeat(30);
    const one = slugify(`${prefix}One`);
    const two = slugify(`${prefix}Two`);
    expect(Buffer.byteLength(one)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
    expect(one).toMatch(/^dr-very-long-name-(?:[a-z-]+)-[0-9a-f]{8}$/);
    expect(one).not.toBe(two);
    expect(slugify(`${prefix.toUpperCase()}ONE`)).toBe(one);
  });

  it('bounds long CJK and emoji names on a character boundary', () => {
    const cjk = slugify('漢字'.repeat(300));
    expect(cjk).toMatch(/^(?:漢字)+漢?-[0-9a-f]{8}$/u);
    expect(Buffer.byteLength(cjk)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
    expect(slugify('🎉'.repeat(600))).toMatch(/^x-[0-9a-f]{8}$/);
  });
});

describe('authorSlug', () => {
  it('is the slugify slug', () => {
    expect(authorSlug('Ana Núñez')).toBe('ana-nunez');
    expect(authorSlug('a'.repeat(600))).toBe(slugify('a'.repeat(600)));
  });
});

describe('tagSlug', () => {
  it('moves a tag off the tags/by-name/ page with a -tag suffix', () => {
    expect(tagSlug('by-name')).toBe('by-name-tag');
    expect(tagSlug('By Name')).toBe('by-name-tag');
    expect(tagSlug('BY_NAME')).toBe('by-name-tag');
  });

  it('keeps a tag that already ends in the suffix apart from the moved one', () => {
    expect(tagSlug('by-name-tag')).toBe('by-name-tag-tag');
    expect(tagSlug('By name tag tag')).toBe('by-name-tag-tag-tag');
  });

  it('leaves every other tag at its slugify slug', () => {
    expect(tagSlug('Python')).toBe('python');
    expect(tagSlug('page')).toBe('page');
    expect(tagSlug('by-names')).toBe('by-names');
    expect(tagSlug('name-tag')).toBe('name-tag');
    expect(tagSlug('C++')).toBe('c-plus-plus');
  });
});
