import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/lib/slug.ts';

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
