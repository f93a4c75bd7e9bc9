import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortHash } from '#src/archive/hash.ts';
import { FeedIdSchema } from '#src/archive/schema.ts';
import { deriveFeedId } from '#src/ingest/config.ts';
import { newFeedId } from '#src/ingest/feed-id.ts';
import { itemFileStem, MAX_STEM } from '#src/ingest/identity.ts';
import { anyName, longName, PROPERTY_RUNS, segmentProblem, twoWords, utf8Bytes } from '../helpers/names.ts';

const PUBLISHED = '2026-03-01T10:00:00.000Z';
const stemOf = (title: string, key = 'k') => itemFileStem({ title, authors: [], categories: [] }, PUBLISHED, key);

/** The longest item path under content/items/: a 64-character feed id, a stem, `-<hash>` for a taken stem, `.md`. */
const ITEM_PATH_BUDGET = 64 + 1 + MAX_STEM + 9 + 3;

describe('itemFileStem of any title', () => {
  it('is a dated slug of lower-case letters and digits of at most MAX_STEM bytes, portable as a file name', () => {
    fc.assert(
      fc.property(anyName, (title) => {
        const stem = stemOf(title);
        expect(stem).toMatch(/^2026-03-01-[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*$/u);
        expect(stem).toBe(stem.normalize('NFKC').toLowerCase());
        expect(utf8Bytes(stem)).toBeLessThanOrEqual(MAX_STEM);
        expect(segmentProblem(`${stem}.md`)).toBeUndefined();
      }),
      PROPERTY_RUNS,
    );
  });

  it('fits the item path budget with the longest feed id and a disambiguating hash', () => {
    fc.assert(
      fc.property(anyName, (title) => {
        const path = `${'f'.repeat(64)}/${stemOf(title)}-${shortHash(title)}.md`;
        expect(utf8Bytes(path)).toBeLessThanOrEqual(ITEM_PATH_BUDGET);
        for (const segment of path.split('/')) expect(segmentProblem(segment)).toBeUndefined();
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives NFC and NFD titles one stem, and the same stem on every call', () => {
    fc.assert(
      fc.property(anyName, (title) => {
        expect(stemOf(title.normalize('NFD'))).toBe(stemOf(title.normalize('NFC')));
        expect(stemOf(title)).toBe(stemOf(title));
      }),
      PROPERTY_RUNS,
    );
  });

  it('tells apart long titles that share a 300-character beginning', () => {
    fc.assert(
      fc.property(longName, twoWords, (prefix, [one, two]) => {
        const common = `Notes ${prefix.slice(0, 294)}`;
        expect(stemOf(`${common} ${one}`)).not.toBe(stemOf(`${common} ${two}`));
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('deriveFeedId of any title, path or URL', () => {
  const location = fc.oneof(
    anyName,
    anyName.map((name) => `/feeds/${name}.xml`),
    fc.webUrl(),
    fc.domain().map((host) => `https://${'sub.'.repeat(20)}${host}/feed`),
  );

  it('is a valid feed id, short enough for a -N suffix, and not a Windows device name', () => {
    fc.assert(
      fc.property(location, (value) => {
        const id = deriveFeedId(value);
        expect(FeedIdSchema.safeParse(id).success).toBe(true);
        expect(FeedIdSchema.safeParse(`${id}-999`).success).toBe(true);
        expect(segmentProblem(id)).toBeUndefined();
      }),
      PROPERTY_RUNS,
    );
  });

  it('tells apart long titles that share a 300-character beginning', () => {
    fc.assert(
      fc.property(longName, twoWords, (prefix, [one, two]) => {
        const common = `feed ${prefix.slice(0, 295)}`;
        expect(deriveFeedId(`${common} ${one}`)).not.toBe(deriveFeedId(`${common} ${two}`));
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('newFeedId of any title and URL', () => {
  it('is a valid feed id, never empty, short enough for a -N suffix, and not a Windows device name', () => {
    fc.assert(
      fc.property(fc.option(anyName, { nil: undefined }), fc.webUrl(), (title, url) => {
        const id = newFeedId(title, url, new Set());
        expect(FeedIdSchema.safeParse(id).success).toBe(true);
        expect(FeedIdSchema.safeParse(`${id}-999`).success).toBe(true);
        expect(segmentProblem(id)).toBeUndefined();
      }),
      PROPERTY_RUNS,
    );
  });
});
