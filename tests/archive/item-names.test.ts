import { describe, expect, it } from 'vitest';
import { shortHash } from '#src/archive/hash.ts';
import { freshStem, isSafeSegment } from '#src/archive/item-names.ts';

describe('item file names', () => {
  it('keeps a safe, free proposal as it is', () => {
    expect(freshStem('2026-03-01-hello', 'key', 'hash', new Set())).toBe('2026-03-01-hello');
  });

  it('suffixes a taken stem with the key hash, then the key and content hash, then the count', () => {
    const key = 'https://example.org/a';
    const first = `2026-03-01-hello-${shortHash(key)}`;
    const second = `2026-03-01-hello-${shortHash(`${key}\nh`)}`;
    expect(freshStem('2026-03-01-hello', key, 'h', new Set(['2026-03-01-hello']))).toBe(first);
    expect(freshStem('2026-03-01-hello', key, 'h', new Set(['2026-03-01-hello', first]))).toBe(second);
    const used = new Set(['2026-03-01-hello', first, second]);
    expect(freshStem('2026-03-01-hello', key, 'h', used)).toBe(`2026-03-01-hello-${shortHash(`${key}\nh\n3`)}`);
  });

  it('replaces an unsafe proposal with one made from the key', () => {
    expect(freshStem('../escape', 'k', 'h', new Set())).toBe(`item-${shortHash('k')}`);
    expect(freshStem('.hidden', 'k', 'h', new Set())).toBe(`item-${shortHash('k')}`);
    expect(freshStem('x'.repeat(201), 'k', 'h', new Set())).toBe(`item-${shortHash('k')}`);
  });

  it('accepts only single segments that cannot leave or hide in their folder', () => {
    expect(['a', '2026-01-01-x', 'é'.repeat(100)].map(isSafeSegment)).toEqual([true, true, true]);
    expect(['', '.', '..', '.x', 'a/b', 'a\\b', 'a\0b', 'é'.repeat(101)].map(isSafeSegment)).toEqual(
      Array(8).fill(false),
    );
  });

  it('hashes to the first 8 hex digits of SHA-256', () => {
    expect(shortHash('abc')).toBe('ba7816bf');
  });
});
