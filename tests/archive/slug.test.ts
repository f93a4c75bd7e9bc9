import { describe, expect, it } from 'vitest';
import { slugify } from '#src/archive/slug.ts';
import { avoidReserved, tagSlug } from '#src/site/urls.ts';

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

describe('avoidReserved', () => {
  it('suffixes only a reserved segment and that segment with suffixes', () => {
    expect(['page', 'page-tag', 'pages', 'tag', 'x'].map((slug) => avoidReserved(slug, ['page']))).toEqual([
      'page-tag',
      'page-tag-tag',
      'pages',
      'tag',
      'x',
    ]);
  });
});
