import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from '#src/render/reading-time.ts';

describe('countWords', () => {
  it('counts words across punctuation, accents and contractions', () => {
    expect(countWords("Don't panic: Søren's well-known café, 2026!")).toBe(6);
    expect(countWords('   ')).toBe(0);
  });
});

describe('readingMinutes', () => {
  it('rounds up at 220 words a minute, with a minimum of one', () => {
    expect([readingMinutes(0), readingMinutes(220), readingMinutes(221), readingMinutes(1100)]).toEqual([1, 1, 2, 5]);
    expect(readingMinutes(300, 100)).toBe(3);
  });
});
