import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MAX_SLUG_BYTES } from '#src/archive/segment.ts';
import { slugify } from '#src/archive/slug.ts';
import { tagSlug } from '#src/site/urls.ts';
import {
  anyName,
  longName,
  longWordyName,
  PROPERTY_RUNS,
  segmentProblem,
  twoWords,
  utf8Bytes,
} from '../helpers/names.ts';

/** Letters, digits and marks of any script, joined by single hyphens. */
const SLUG_CHARSET = /^[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*$/u;

describe('slugify of any name', () => {
  it('is a non-empty, lower-case slug of at most MAX_SLUG_BYTES, portable as a folder name', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const slug = slugify(name);
        expect(utf8Bytes(slug)).toBeGreaterThan(0);
        expect(utf8Bytes(slug)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
        expect(slug).toMatch(SLUG_CHARSET);
        expect(slug).toBe(slug.toLowerCase());
        expect(segmentProblem(slug)).toBeUndefined();
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives the NFC, NFD, NFKC and NFKD forms of a name one slug', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const slug = slugify(name);
        for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const) expect(slugify(name.normalize(form))).toBe(slug);
      }),
      PROPERTY_RUNS,
    );
  });

  it('is a pure function of the name: a fresh module instance gives the same slugs', async () => {
    vi.resetModules();
    const fresh = (await import('#src/archive/slug.ts')).slugify;
    expect(fresh).not.toBe(slugify);
    fc.assert(
      fc.property(anyName, (name) => {
        expect(fresh(name)).toBe(slugify(name));
      }),
      PROPERTY_RUNS,
    );
  });

  it('tells apart long names that share a 300-character beginning', () => {
    fc.assert(
      fc.property(longName, twoWords, (prefix, [one, two]) => {
        const common = prefix.slice(0, 300).padEnd(300, 'x');
        expect(slugify(`${common} ${one}`)).not.toBe(slugify(`${common} ${two}`));
      }),
      PROPERTY_RUNS,
    );
  });

  it('cuts a long name and ends it in a hash', () => {
    fc.assert(
      fc.property(longWordyName, (name) => {
        const slug = slugify(name);
        expect(utf8Bytes(slug)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
        expect(slug).toMatch(/-[0-9a-f]{8}$/);
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('tagSlug of any name', () => {
  it('is portable, never a page of its own, and at most a -tag suffix past MAX_SLUG_BYTES', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const slug = tagSlug(name);
        expect(utf8Bytes(slug)).toBeLessThanOrEqual(MAX_SLUG_BYTES + '-tag'.length);
        expect(slug).toMatch(SLUG_CHARSET);
        expect(slug).not.toBe('by-name');
        expect(segmentProblem(slug)).toBeUndefined();
      }),
      PROPERTY_RUNS,
    );
  });

  it('keeps names with different slugs on different tag pages', () => {
    fc.assert(
      fc.property(anyName, anyName, (one, two) => {
        fc.pre(slugify(one) !== slugify(two));
        expect(tagSlug(one)).not.toBe(tagSlug(two));
      }),
      PROPERTY_RUNS,
    );
  });
});
