import { describe, expect, it } from 'vitest';
import { shortHash } from '#src/archive/hash.ts';
import { planEntries } from '#src/ingest/dedupe.ts';
import type { FeedEntry } from '#src/ingest/types.ts';

const entry = (fields: Partial<FeedEntry>): FeedEntry => ({ authors: [], categories: [], ...fields });

describe('shortHash', () => {
  // The values dedupe's own SHA-256 prefix gave before the two hashes were merged: they are in
  // archived keys (`<key>#<hash>`) and file stems (`…-untitled-<hash>`), so they must not change.
  it.each([
    ['', 'e3b0c442'],
    ['k', '8254c329'],
    ['https://example.org/a\nHello', '0592596c'],
    ['Ünïcödé 🙂', '46031968'],
    ['x'.repeat(10_000), 'e4ee97ec'],
  ])('%j -> %s', (text, hash) => {
    expect(shortHash(text)).toBe(hash);
  });

  it('keeps the disambiguated keys of a reused guid as archived', () => {
    const planned = planEntries(
      [
        { entry: entry({ guid: 'g', link: 'https://example.org/a', title: 'A' }), key: 'g', hash: 'h1' },
        { entry: entry({ guid: 'g', link: 'https://example.org/b', title: 'B' }), key: 'g', hash: 'h2' },
      ],
      new Map([['g', { hash: 'h0', link: 'https://example.org/z', title: 'Z' }]]),
    );
    expect(planned.map((item) => [item.key, item.action])).toEqual([
      ['g#1beff169', 'new'],
      ['g#3b10d03d', 'new'],
    ]);
  });
});
